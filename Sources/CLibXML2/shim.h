#ifndef FLADAEMON_CLIBXML2_SHIM_H
#define FLADAEMON_CLIBXML2_SHIM_H
#include <libxml/xmlversion.h>
/* Debian's libxml2 is built with ICU, so encoding.h would include the system's ICU headers, whose
 * UErrorCode clashes with the copy inside Foundation in any module that sees both. Nothing here uses
 * the ICU members (only the tail of xmlCharEncodingHandler, which we never read), so hide them. */
#undef LIBXML_ICU_ENABLED
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/SAX2.h>
#include <libxml/globals.h>
#include <libxml/tree.h>
#include <libxml/xmlIO.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlreader.h>
#include <libxml/xmlschemas.h>
#include <libxml/xmlsave.h>
#endif
