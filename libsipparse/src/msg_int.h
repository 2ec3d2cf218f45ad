/* msg_int.h: the scan shared by sipparse_msg_parse and sipparse_frame. */
#ifndef SIPPARSE_MSG_INT_H
#define SIPPARSE_MSG_INT_H
#include "sipparse/msg.h"

/* Parses one message; store 0 only frames it (no header array is written). */
sipparse_err sp_msg_scan(sipparse_msg *m, const char *buf, size_t len, int store);

#endif
