/* tests/check_main.c: the one runner for every unit suite (`make test-unit`). Run it
 * from the repository root: the corpus suites open files under corpus/ and grammar/
 * (or under $SIPPARSE_SRCDIR when set). */
#include <stdlib.h>
#include "suites.h"

int main(void)
{
    SRunner *sr = srunner_create(basics_suite());
    srunner_add_suite(sr, msg_suite());
    srunner_add_suite(sr, frame_suite());
    srunner_add_suite(sr, uri_suite());
    srunner_add_suite(sr, nameaddr_suite());
    srunner_add_suite(sr, hdr_suite());
    srunner_add_suite(sr, corpus_suite());
    srunner_add_suite(sr, robust_suite());
    srunner_add_suite(sr, linear_suite());
    srunner_add_suite(sr, sanity_suite());
    srunner_add_suite(sr, auth_suite());
    srunner_add_suite(sr, events_suite());
    srunner_add_suite(sr, lists_suite());
    srunner_add_suite(sr, uri_obj_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
