/* sipparse/sipparse.h: the one header users include. */
#ifndef SIPPARSE_H
#define SIPPARSE_H
#include "sipparse/slice.h"
#include "sipparse/ids.h"
#include "sipparse/errors.h"
#include "sipparse/params.h"
#include "sipparse/uri.h"
#include "sipparse/nameaddr.h"
#include "sipparse/hdr.h"
#include "sipparse/msg.h"
#include "sipparse/sanity.h"
#include "sipparse/auth.h"
#include "sipparse/events.h"
#include "sipparse/lists.h"
#include "sipparse/info.h"

#define SIPPARSE_VERSION "0.1.0"
SIPPARSE_API const char *sipparse_version(void);

#endif
