/* syntax.h: the KIND and SYNTAX columns of grammar/headers.def as C names, for the
 * library's check (check.c) and the fuzz harnesses, so both read the one table the same
 * way. A new SYNTAX name in headers.def is added here. */
#ifndef SIPPARSE_SYNTAX_H
#define SIPPARSE_SYNTAX_H

/* Which typed parser checks a header's value. */
enum sp_syntax {
    ANY, CALLID, CONTACT, CSEQ, CTYPE, DATE, MAXFWD, NAMEADDR, ROUTE, UINT, VIA,
    CHALLENGE, CREDENTIALS, AUTHINFO,
    ALLOW_EVENTS, EVENT, MIN_SE, RACK, REASON, REFER_TO, REFERRED_BY, REPLACES, RETRY_AFTER,
    RSEQ, SESSION_EXPIRES, SUBSTATE, TIMESTAMP,
    ACCEPT, ACCEPT_ENCODING, ACCEPT_LANGUAGE, ALLOW, CONTENT_ENCODING, CONTENT_LANGUAGE,
    DISPOSITION, DIVERSION, HISTORY_INFO, IDENTITY, IN_REPLY_TO, INFO_URI, OPTION_TAGS,
    PASSERTED_ID, PRIORITY, PRIVACY, SERVER_VAL, SUPPORTED, TEXT_TRIM, WARNING,
};

/* LIST: a comma list, may repeat. SINGLE: one value, once (RFC 3261 §7.3.1).
 * REPEAT: may repeat but is never comma-joined (§7.3.1: WWW-Authenticate,
 * Authorization, Proxy-Authenticate, Proxy-Authorization). */
enum sp_kind { LIST, SINGLE, REPEAT };

#endif
