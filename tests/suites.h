/* tests/suites.h: one Check suite per unit; check_main.c runs them all. */
#ifndef TESTS_SUITES_H
#define TESTS_SUITES_H
#include <check.h>

Suite *basics_suite(void);   /* check_basics.c: error table, slices, header/method tables */
Suite *msg_suite(void);      /* check_msg.c: start line, header index, flags, limits, check */
Suite *frame_suite(void);    /* check_frame.c: stream framing against msg_parse */
Suite *uri_suite(void);      /* check_uri.c: URIs and their print round trip */
Suite *nameaddr_suite(void); /* check_nameaddr.c: name-addr, Contact, Route */
Suite *hdr_suite(void);      /* check_hdr.c: Via, CSeq, Call-ID, numbers, types, dates, params */
Suite *corpus_suite(void);   /* check_corpus.c: RFC 4475, RFC 5118 and RFC example verdicts */
Suite *robust_suite(void);   /* check_robust.c: truncation, NULs, mutations, unterminated input */
Suite *linear_suite(void);   /* check_linear.c: parse time grows linearly with the input */
Suite *sanity_suite(void);   /* check_sanity.c: validation rules and the RFC 4475/5118 replies */
Suite *auth_suite(void);     /* check_auth.c: challenges, credentials, Authentication-Info */
Suite *events_suite(void);   /* check_events.c: Event, Subscription-State, Reason, Replaces, ... */
Suite *uri_obj_suite(void);  /* check_uri_obj.c: URI/name-addr objects: access, escaping, §19.1.4, edit, print */
Suite *lists_suite(void);    /* check_lists.c: list and short-value headers (lists.h, info.h) */

#endif
