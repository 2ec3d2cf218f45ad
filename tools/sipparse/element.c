/* tools/sipparse/element.c: the options that describe the element --check judges for
 * (its role, which extensions and body types it supports): the context of
 * sipparse_sanity_check. Without them, the rules that need such knowledge do not run. */
#include <string.h>
#include <strings.h>
#include "tool.h"

static const char *ext_store[TOOL_MAX_LIST], *type_store[TOOL_MAX_LIST];

/* Splits "a,b,c" in place into list; an empty arg is an empty list (nothing supported). */
static int split(char *arg, const char **list, size_t *n, const char **bad)
{
    *n = 0;
    for (char *p = arg; *p;) {
        char *comma = strchr(p, ',');
        if (comma) *comma = '\0';
        if (*p == '\0' || *n == TOOL_MAX_LIST) {
            *bad = *p ? p : "(empty item)";
            return -1;
        }
        list[(*n)++] = p;
        if (!comma) break;
        p = comma + 1;
    }
    return 0;
}

static int schemes(char *arg, unsigned *bits, const char **bad)
{
    static const struct { const char *name; sipparse_scheme id; } known[] = {
        { "sip", SIPPARSE_SCHEME_SIP }, { "sips", SIPPARSE_SCHEME_SIPS }, { "tel", SIPPARSE_SCHEME_TEL },
    };
    const char *items[TOOL_MAX_LIST];
    size_t n;
    if (split(arg, items, &n, bad) != 0) return -1;
    *bits = 0;
    for (size_t i = 0; i < n; i++) {
        size_t k = 0;
        while (k < sizeof known / sizeof known[0] && strcasecmp(items[i], known[k].name) != 0) k++;
        if (k == sizeof known / sizeof known[0]) {
            *bad = items[i];
            return -1;
        }
        *bits |= 1u << known[k].id;
    }
    if (*bits == 0) *bad = "(no scheme)";
    return *bits ? 0 : -1;
}

int element_option(tool_config *cfg, int opt, char *arg, const char **bad)
{
    sipparse_sanity_ctx *e = &cfg->element;
    switch (opt) {
    case OPT_SUPPORTED:
        e->extensions = ext_store;
        return split(arg, ext_store, &e->n_extensions, bad);
    case OPT_TYPES:
        e->content_types = type_store;
        if (split(arg, type_store, &e->n_content_types, bad) != 0) return -1;
        for (size_t i = 0; i < e->n_content_types; i++)
            if (!strchr(type_store[i], '/')) {
                *bad = type_store[i];
                return -1;
            }
        return 0;
    case OPT_SCHEMES:
        return schemes(arg, &e->schemes, bad);
    case OPT_ROLE:
        if (strcmp(arg, "ua") == 0) e->role = SIPPARSE_ROLE_UA;
        else if (strcmp(arg, "proxy") == 0) e->role = SIPPARSE_ROLE_PROXY;
        else if (strcmp(arg, "any") == 0) e->role = SIPPARSE_ROLE_ANY;
        else {
            *bad = arg;
            return -1;
        }
        return 0;
    case OPT_LOCAL_ID:
        e->local_id = arg;
        e->local_id_len = strlen(arg);
        return 0;
    }
    *bad = arg;
    return -1;
}
