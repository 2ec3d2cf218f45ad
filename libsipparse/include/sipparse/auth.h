/* sipparse/auth.h: authentication headers (RFC 3261 §22, §20.6, §20.7, §20.27, §20.28,
 * §20.44; Digest per RFC 2617 §3.2 and RFC 7616 §3.3-§3.5).
 *
 * Quoted values: every slice below that holds a quoted-string gives what lies between
 * the quotes, quoted-pairs still escaped (they are rare; sipparse_auth_unquote copies
 * the value out without them). Slices are absent (ptr NULL) when the directive is not
 * there, and empty for "".
 *
 * Lax directives: RFC 3261 §25.1 lets an auth-param stand wherever a Digest directive
 * may, so "response=\"abc\"" or "realm=x" is valid syntax without the directive's own
 * form (RFC 3261 §20.7's own example has a 35-digit response). Such a value is still
 * stored in its field (inside the quotes when quoted), and `lax` names the first one
 * with the rule it misses, so a validator can report it. */
#ifndef SIPPARSE_AUTH_H
#define SIPPARSE_AUTH_H
#include "sipparse/slice.h"
#include "sipparse/errors.h"
#include "sipparse/params.h"

/* auth-scheme = token; compared case-insensitively. */
typedef enum sipparse_auth_scheme {
    SIPPARSE_AUTH_OTHER = 0,
    SIPPARSE_AUTH_DIGEST,        /* RFC 3261 §22.4 */
    SIPPARSE_AUTH_BASIC          /* RFC 2617 §2; RFC 3261 §22.1 forbids its use */
} sipparse_auth_scheme;

/* algorithm (RFC 2617 §3.2.1, RFC 7616 §3.3 and §6.1); NONE: absent, which means MD5. */
typedef enum sipparse_auth_algorithm {
    SIPPARSE_AUTH_ALG_NONE = 0,
    SIPPARSE_AUTH_ALG_MD5,
    SIPPARSE_AUTH_ALG_MD5_SESS,
    SIPPARSE_AUTH_ALG_SHA_256,
    SIPPARSE_AUTH_ALG_SHA_256_SESS,
    SIPPARSE_AUTH_ALG_SHA_512_256,
    SIPPARSE_AUTH_ALG_SHA_512_256_SESS,
    SIPPARSE_AUTH_ALG_OTHER      /* any other token */
} sipparse_auth_algorithm;

/* stale, userhash: "true" / "false", case-insensitive. A lax value other than true
 * counts as FALSE (RFC 7616 §3.3: "If stale is FALSE, or anything other than TRUE"). */
typedef enum sipparse_auth_flag {
    SIPPARSE_AUTH_FLAG_ABSENT = 0,
    SIPPARSE_AUTH_FLAG_FALSE,
    SIPPARSE_AUTH_FLAG_TRUE
} sipparse_auth_flag;

/* qop values seen (qop-value = "auth" / "auth-int" / token, case-insensitive). */
#define SIPPARSE_QOP_AUTH     1u
#define SIPPARSE_QOP_AUTH_INT 2u
#define SIPPARSE_QOP_OTHER    4u

/* The first directive in a lax form: its name and the RFC rule its value misses
 * ("request-digest", "nc-value", "realm-value", ...). name.ptr NULL when none. */
typedef struct sipparse_auth_lax {
    sipparse_slice name;
    const char *rule;
} sipparse_auth_lax;

/* WWW-Authenticate (§20.44), Proxy-Authenticate (§20.27): one challenge per header line
 * (RFC 3261 §7.3.1: these headers are not comma-joined; a response may carry several). */
typedef struct sipparse_challenge {
    sipparse_slice scheme;             /* auth-scheme as written: "Digest" */
    sipparse_auth_scheme scheme_id;
    sipparse_slice params;             /* the comma list after the scheme, as written;
                                          walk it with sipparse_auth_param_next */
    /* Digest directives (RFC 3261 §25.1 digest-cln, RFC 7616 §3.3); only realm is read
     * for other schemes (RFC 2617 §1.2 defines it for every scheme). */
    sipparse_slice realm;              /* realm-value, inside the quotes */
    sipparse_slice domain;             /* space-separated URIs, inside the quotes */
    sipparse_slice nonce;              /* nonce-value, inside the quotes */
    sipparse_slice opaque;             /* inside the quotes */
    sipparse_auth_flag stale;
    sipparse_slice algorithm;          /* token as written: "MD5-sess" */
    sipparse_auth_algorithm algorithm_id;
    sipparse_slice qop;                /* qop-options inside the quotes: "auth,auth-int";
                                          walk it with sipparse_list_next */
    unsigned qop_mask;                 /* SIPPARSE_QOP_* of the listed values */
    sipparse_auth_flag userhash;       /* RFC 7616 §3.3 */
    sipparse_slice charset;            /* RFC 7616 §3.3: "UTF-8" */
    sipparse_auth_lax lax;
} sipparse_challenge;

/* Authorization (§20.7), Proxy-Authorization (§20.28): credentials. */
typedef struct sipparse_credentials {
    sipparse_slice scheme;             /* auth-scheme as written */
    sipparse_auth_scheme scheme_id;
    sipparse_slice params;             /* the comma list after the scheme, as written */
    /* Digest directives (RFC 3261 §25.1 dig-resp, RFC 7616 §3.4); only realm is read for
     * other schemes. */
    sipparse_slice username;           /* username-value, inside the quotes */
    sipparse_slice username_ext;       /* RFC 7616 §3.4.4 username*: ext-value as written */
    sipparse_slice realm, nonce;       /* inside the quotes */
    sipparse_slice uri;                /* digest-uri-value, inside the quotes */
    sipparse_slice response;           /* request-digest: 32 or 64 LHEX, inside the quotes */
    sipparse_slice algorithm;
    sipparse_auth_algorithm algorithm_id;
    sipparse_slice cnonce;             /* inside the quotes */
    sipparse_slice opaque;             /* inside the quotes */
    sipparse_slice qop;                /* message-qop: one qop-value */
    unsigned qop_mask;                 /* its SIPPARSE_QOP_* bit */
    sipparse_slice nc;                 /* nc-value: 8LHEX */
    sipparse_auth_flag userhash;       /* RFC 7616 §3.4 */
    sipparse_auth_lax lax;
} sipparse_credentials;

/* Authentication-Info (§20.6): ainfo *(COMMA ainfo). RFC 3261 has no auth-param here,
 * so every directive must be one of these, in its own form. */
typedef struct sipparse_auth_info {
    sipparse_slice nextnonce;          /* inside the quotes */
    sipparse_slice qop;                /* message-qop */
    unsigned qop_mask;
    sipparse_slice rspauth;            /* response-digest: *LHEX, inside the quotes */
    sipparse_slice cnonce;             /* inside the quotes */
    sipparse_slice nc;                 /* 8LHEX */
} sipparse_auth_info;

/* Parse one header value (the whole slice) into *out, a caller-owned struct of slices
 * into value. A directive given twice keeps the last value. SIPPARSE_OK, or
 * SIPPARSE_E_HEADER_VALUE with err->at at the offending byte and err->rule the ABNF rule
 * ("challenge", "credentials", "auth-param", "ainfo", "nc-value", ...). err may be NULL.
 * Required directives (realm, nonce, response, ...) are not checked: the ABNF does not
 * require them. On an error, *out holds what was read before the fault. */
SIPPARSE_API sipparse_err sipparse_challenge_parse(sipparse_slice value, sipparse_challenge *out,
                                                   sipparse_error *err);
SIPPARSE_API sipparse_err sipparse_credentials_parse(sipparse_slice value,
                                                     sipparse_credentials *out,
                                                     sipparse_error *err);
SIPPARSE_API sipparse_err sipparse_auth_info_parse(sipparse_slice value, sipparse_auth_info *out,
                                                   sipparse_error *err);

/* Walks the auth-params of a params slice from this library (challenge or credentials
 * .params, or a whole Authentication-Info value): takes the next one from *rest and
 * advances it. out->value is as written (quotes kept). Returns 1, or 0 at the end. */
SIPPARSE_API int sipparse_auth_param_next(sipparse_slice *rest, sipparse_param *out);
/* Finds name (ASCII case-insensitive) among those auth-params; 1 and *value set (quotes
 * kept), or 0 when absent. */
SIPPARSE_API int sipparse_auth_param_get(sipparse_slice params, const char *name,
                                         sipparse_slice *value);

/* Copies a slice from the structs above into out without quoted-pair backslashes,
 * NUL-terminated. Returns the length, or -1 when cap is too small (or s is absent). */
SIPPARSE_API int sipparse_auth_unquote(sipparse_slice s, char *out, size_t cap);

#endif
