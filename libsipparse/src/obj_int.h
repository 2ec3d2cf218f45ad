/* obj_int.h: helpers uri_obj.c defines and nameaddr_obj.c uses too (hidden: the
 * version script exports sipparse_* only). Output helpers append to out[n..cap) and
 * return the new length, counting what did not fit, so callers check once at the end. */
#ifndef SIPPARSE_OBJ_INT_H
#define SIPPARSE_OBJ_INT_H
#include "grammar.h"

int sp_cclass(unsigned char c);
int sp_escape_at(const char *p, const char *end);
int sp_comp_eq(sipparse_slice a, sipparse_slice b, int ci);
size_t sp_put(char *out, size_t cap, size_t n, const char *s, size_t len);
size_t sp_put_lower(char *out, size_t cap, size_t n, sipparse_slice s);
int sp_list_set(sipparse_edit_list *l, const char *name, sipparse_slice value, int del);
int sp_list_get(const sipparse_edit_list *l, const char *name, sipparse_slice *value);
size_t sp_list_put(const sipparse_edit_list *l, int sep0, int sep, int lower,
                   const char *last, char *out, size_t cap, size_t n);
size_t sp_uri_edit_put(const sipparse_uri_edit *e, char *out, size_t cap, size_t n);
int sp_finish(char *out, size_t cap, size_t n);

#endif
