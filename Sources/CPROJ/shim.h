// PROJ (>= 6) C API.
#ifndef BLUELAMP_CPROJ_SHIM_H
#define BLUELAMP_CPROJ_SHIM_H
#include <proj.h>
#endif
