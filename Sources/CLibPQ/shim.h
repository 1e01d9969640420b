// libpq, PostgreSQL's C client library.
#ifndef BLUELAMP_CLIBPQ_SHIM_H
#define BLUELAMP_CLIBPQ_SHIM_H
#include <libpq-fe.h>
#endif
