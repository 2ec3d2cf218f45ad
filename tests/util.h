/* tests/util.h: helpers shared by the unit suites: slices, files, TSV tables, a
 * guarded message parse, and consistency checks on results and error positions. */
#ifndef TESTS_UTIL_H
#define TESTS_UTIL_H
#include <stddef.h>
#include <sipparse/sipparse.h>
#include "guard.h"

/* printf helpers: printf("%.*s", SL(s)) prints a slice, "<absent>" when ptr is NULL. */
#define SL(s) ((s).ptr ? (int)(s).len : 8), ((s).ptr ? (s).ptr : "<absent>")

#define ARRAY_LEN(a) (sizeof(a) / sizeof((a)[0]))

/* A slice over a NUL-terminated string (not copied). */
sipparse_slice sl(const char *s);
/* 1 when s is present and holds exactly the bytes of lit (compared here, not by the
 * library, so the tests do not depend on the code under test). */
int sl_is(sipparse_slice s, const char *lit);
/* 1 when s is present and equals lit ignoring ASCII case. */
int sl_is_ci(sipparse_slice s, const char *lit);
/* 1 when s is absent, or lies entirely inside [buf, buf + len]. */
int sl_within(sipparse_slice s, const char *buf, size_t len);

/* Asserts (Check) that an optional part is as expected: want NULL means the part must
 * be absent, "" present and empty. row and what name it in the failure message. */
void assert_part(const char *row, const char *what, sipparse_slice got, const char *want);

/* The methods of grammar/methods.def with their ids, typed here from RFC 3261 §7.1 and
 * the RFCs named there. */
typedef struct method_row {
    const char *name;
    sipparse_method id;
} method_row;
extern const method_row method_table[];
extern const size_t method_table_len;

/* Path of a file of the source tree: rel as is, or under $SIPPARSE_SRCDIR when set. */
const char *src_path(const char *rel);
/* Reads a whole file into a malloc'd buffer (one spare NUL byte after len, never part
 * of len). Returns NULL and leaves *len 0 when the file cannot be read. */
char *read_file(const char *path, size_t *len);

/* A tab-separated table with a header row. */
typedef struct tsv_table {
    size_t ncols, nrows;
    char **cols;       /* column names */
    char ***rows;      /* rows[r][c], "" for a missing trailing field */
    char *text;        /* the file, split in place */
} tsv_table;
/* 0 on success, -1 when the file cannot be read or has no header row. */
int tsv_load(tsv_table *t, const char *path);
/* Column index of name, or -1. */
int tsv_col(const tsv_table *t, const char *name);
/* Field (row, column name); "" when the column does not exist. */
const char *tsv_get(const tsv_table *t, size_t row, const char *name);
void tsv_free(tsv_table *t);

/* One message parsed from a guarded copy. */
#define TMSG_MAX_HDRS 256
typedef struct tmsg {
    guard_buf g;
    sipparse_msg m;
    sipparse_hdr hdrs[TMSG_MAX_HDRS];
    sipparse_err rc;
} tmsg;

/* Copies data next to a guard page, initialises m with cap headers (TMSG_MAX_HDRS when
 * cap is 0) and flags, and parses. The result is also kept in t->rc. */
sipparse_err tmsg_parse(tmsg *t, const void *data, size_t len, unsigned flags);
sipparse_err tmsg_parse_cap(tmsg *t, const void *data, size_t len, unsigned flags, unsigned cap);
sipparse_err tmsg_parse_str(tmsg *t, const char *s, unsigned flags);
void tmsg_free(tmsg *t);

/* Parse then (when parsing succeeded) sipparse_msg_check. */
#define VERDICT_MAX_ERRS 64
typedef struct verdict {
    sipparse_err parse_rc;
    sipparse_err check_rc;   /* SIPPARSE_OK when check did not run */
    int checked;
    size_t nerrs;            /* total reported by check (may exceed the array) */
    sipparse_error errs[VERDICT_MAX_ERRS];
    const sipparse_error *err; /* the error that decided: the parse error, else the first
                                  critical check error, else the first check finding */
} verdict;
void verdict_run(const tmsg *t, verdict *v);
/* 1 when parse or check failed or check reported any finding. */
int verdict_rejected(const verdict *v);
/* First finding of check about header id (any code), or NULL. */
const sipparse_error *verdict_find_hdr(const verdict *v, sipparse_hdr_id id);
/* First finding of check with this code, or NULL. */
const sipparse_error *verdict_find_code(const verdict *v, sipparse_err code);

/* "E_URI at 3:7 (offset 40) hdr Via rule SIP-URI" in a rotating static buffer. */
const char *err_str(const sipparse_error *e);
/* Long name of a header id, "OTHER" for SIPPARSE_HDR_OTHER or unknown ids. */
const char *hdr_str(unsigned id);
/* Error name, never NULL. */
const char *code_str(sipparse_err e);

/* Checks that an error located in the message starting at base (len bytes) is
 * self-consistent: offset <= len, at == base + offset when at is set, and line/col
 * (when line > 0) are the 1-based line and byte column of offset. Returns NULL when
 * consistent, else a description (static buffer). */
const char *error_pos_problem(const char *base, size_t len, const sipparse_error *e);

/* Checks the invariants of a successful parse: every slice inside the input, header
 * count within the array, first/last/next links consistent, datagram accounting
 * (start + len + trailing == input length), body slice at the end of the message.
 * Returns NULL when all hold, else a description (static buffer). */
const char *msg_problem(const tmsg *t);

#endif
