#ifndef FLADAEMON_COPENSSL_SHIM_H
#define FLADAEMON_COPENSSL_SHIM_H
#include <openssl/asn1.h>
#include <openssl/bio.h>
#include <openssl/bn.h>
#include <openssl/cms.h>
#include <openssl/crypto.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/pkcs12.h>
#include <openssl/provider.h>
#include <openssl/x509.h>
#include <openssl/x509_vfy.h>

/* Swift does not import macros built from casts and ORs; these constants stand in for them. */

/* RFC 2253 name printing, with UTF-8 kept instead of escaped byte by byte. */
static const unsigned long fla_name_flags_rfc2253_utf8 = XN_FLAG_RFC2253 & ~ASN1_STRFLGS_ESC_MSB;
#endif
