# grammar/gen_tables.awk: turns grammar/headers.def and grammar/methods.def into
#   OUT_H  - the public enums (sipparse/ids.h)
#   OUT_RE - re2c rules mapping a header name or a method to its id (included by sip_message.re)
# Run: awk -v OUT_H=... -v OUT_RE=... -f gen_tables.awk headers.def methods.def
# Compact letters exist only in headers.def; this script is the one place that reads them.
function trim(s) { gsub(/^[ \t]+|[ \t]+$/, "", s); return s }
# The re2c expression for header i: its long name, or its compact letter too
# (case-insensitive strings, RFC 3261 §7.3.1 and §7.3.3).
function name_expr(i,    n, c) {
    n = hname[i]; gsub(/"/, "", n)
    if (hcompact[i] == "0")
        return "'" tolower(n) "'"
    c = hcompact[i]; gsub(/'/, "", c)
    return "('" tolower(n) "' | '" c "')"
}
/^H\(/ {
    line = $0; sub(/^H\(/, "", line); sub(/\)[ \t]*$/, "", line)
    n = split(line, f, ",")
    id = trim(f[1]); name = trim(f[2]); compact = trim(f[3])
    hid[++nh] = id; hname[nh] = name; hcompact[nh] = compact
    next
}
/^M\(/ {
    line = $0; sub(/^M\(/, "", line); sub(/\)[ \t]*$/, "", line)
    split(line, f, ",")
    mid[++nm] = trim(f[1])
    next
}
END {
    print "/* Generated from grammar/headers.def and grammar/methods.def by grammar/gen_tables.awk. */" > OUT_H
    print "#ifndef SIPPARSE_IDS_H" > OUT_H
    print "#define SIPPARSE_IDS_H" > OUT_H
    print "/* Header ids: SIPPARSE_HDR_OTHER is any header this table does not name. */" > OUT_H
    print "typedef enum sipparse_hdr_id {" > OUT_H
    print "    SIPPARSE_HDR_OTHER = 0," > OUT_H
    for (i = 1; i <= nh; i++) printf("    SIPPARSE_HDR_%s,\n", hid[i]) > OUT_H
    print "    SIPPARSE_HDR__COUNT" > OUT_H
    print "} sipparse_hdr_id;" > OUT_H
    print "/* Method ids: SIPPARSE_METHOD_OTHER is an extension method (any other token). */" > OUT_H
    print "typedef enum sipparse_method {" > OUT_H
    print "    SIPPARSE_METHOD_OTHER = 0," > OUT_H
    for (i = 1; i <= nm; i++) printf("    SIPPARSE_METHOD_%s,\n", mid[i]) > OUT_H
    print "    SIPPARSE_METHOD__COUNT" > OUT_H
    print "} sipparse_method;" > OUT_H
    print "#endif" > OUT_H

    print "/* Generated from grammar/headers.def and grammar/methods.def by grammar/gen_tables.awk. */" > OUT_RE
    print "/*!rules:re2c:header_name" > OUT_RE
    print "    // RFC 3261 §7.3.1: header names are case-insensitive; §7.3.3 compact forms." > OUT_RE
    for (i = 1; i <= nh; i++)
        printf("    %s { return SIPPARSE_HDR_%s; }\n", name_expr(i), hid[i]) > OUT_RE
    print "    token { return SIPPARSE_HDR_OTHER; }" > OUT_RE
    print "*/" > OUT_RE
    print "/*!rules:re2c:header_line_known" > OUT_RE
    print "    // A known header-name HCOLON: the id, where the name ends, the byte after ':'." > OUT_RE
    print "    // No token rule here, so each state tests only the letters of the names." > OUT_RE
    for (i = 1; i <= nh; i++)
        printf("    %s @n1 WSP* \":\" { *name_end = n1; *id = SIPPARSE_HDR_%s; return cur; }\n", name_expr(i), hid[i]) > OUT_RE
    print "*/" > OUT_RE
    print "/*!rules:re2c:method_name" > OUT_RE
    print "    // RFC 3261 §7.1: methods are case-sensitive." > OUT_RE
    for (i = 1; i <= nm; i++) printf("    \"%s\" { return SIPPARSE_METHOD_%s; }\n", mid[i], mid[i]) > OUT_RE
    print "    token { return SIPPARSE_METHOD_OTHER; }" > OUT_RE
    print "*/" > OUT_RE
}
