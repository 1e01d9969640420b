// zlib, for the zlib-compressed blocks of OpenStreetMap PBF files.
#ifndef BLUELAMP_CZLIB_SHIM_H
#define BLUELAMP_CZLIB_SHIM_H
#include <zlib.h>
#endif
