/* errors.c: names and texts of result codes, and error positions. */
#include "grammar.h"

#define NAME_(name, text) #name,
#define TEXT_(name, text) text,
static const char *const err_names[] = { SIPPARSE_ERR_MAP(NAME_) };
static const char *const err_texts[] = { SIPPARSE_ERR_MAP(TEXT_) };

const char *sipparse_errname(sipparse_err e)
{
    return (unsigned)e < SIPPARSE_ERR__COUNT ? err_names[e] : "?";
}

const char *sipparse_strerror(sipparse_err e)
{
    return (unsigned)e < SIPPARSE_ERR__COUNT ? err_texts[e] : "unknown error";
}

void sipparse_error_locate(sipparse_error *err, const char *base, size_t len)
{
    err->offset = 0;
    err->line = err->col = 0;
    if (!err->at || err->at < base || err->at > base + len)
        return;
    unsigned line = 1;
    const char *bol = base;
    for (const char *p = base; p < err->at; p++)
        if (*p == '\n') {
            line++;
            bol = p + 1;
        }
    err->offset = (size_t)(err->at - base);
    err->line = line;
    err->col = (unsigned)(err->at - bol) + 1;
}

sipparse_err sp_fail(sipparse_error *err, sipparse_err code, const char *at, const char *rule)
{
    if (err) {
        err->code = code;
        err->at = at;
        err->offset = 0;
        err->line = err->col = 0;
        err->rule = rule;
    }
    return code;
}
