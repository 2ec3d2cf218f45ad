/* tools/sipparse/progress.c: a progress line on standard error for long runs.
 *
 * Only when standard error is a terminal (a log file or a pipe must not fill with
 * carriage returns), only after the run has lasted a second (short runs stay quiet),
 * redrawn at most four times a second (a terminal is slow), and erased at the end so
 * the output around it stays clean. One terminal, one line: the state is global. */
#include <time.h>
#include <unistd.h>
#include "capture.h"

static struct {
    int on;
    const char *name;
    unsigned long long size;
    const unsigned long long *done;
    struct timespec started, last;
    int shown;
} pr;

static double since(const struct timespec *a, const struct timespec *b)
{
    return (double)(b->tv_sec - a->tv_sec) + (double)(b->tv_nsec - a->tv_nsec) / 1e9;
}

void progress_start(const char *name, unsigned long long size, const unsigned long long *done)
{
    pr.on = isatty(STDERR_FILENO);
    pr.name = name;
    pr.size = size;
    pr.done = done;
    pr.shown = 0;
    clock_gettime(CLOCK_MONOTONIC, &pr.started);
    pr.last = pr.started;
}

void progress_tick(const tool_stats *s)
{
    if (!pr.on || (s->packets & 63) != 0) return; /* the clock is read every 64 packets */
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    if (since(&pr.started, &now) < 1.0 || since(&pr.last, &now) < 0.25) return;
    pr.last = now;
    char pct[16] = "";
    if (pr.size > 0 && pr.done)
        snprintf(pct, sizeof pct, " %3.0f%%", 100.0 * (double)*pr.done / (double)pr.size);
    fprintf(stderr, "\r\033[K" TOOL_NAME ": %s:%s %lu packets, %lu messages", pr.name, pct,
            s->packets, s->messages);
    fflush(stderr);
    pr.shown = 1;
}

void progress_end(void)
{
    if (pr.shown) {
        fputs("\r\033[K", stderr);
        fflush(stderr);
    }
    pr.shown = 0;
    pr.done = NULL;
}
