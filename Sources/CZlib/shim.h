#ifndef FLADAEMON_CZLIB_SHIM_H
#define FLADAEMON_CZLIB_SHIM_H
#include <zlib.h>
#endif
