/* Milliseconds since reset, from timer 0. */
#ifndef SEEDLINE_CLOCK_H
#define SEEDLINE_CLOCK_H
#include <stdint.h>

void clock_init(void);
uint32_t clock_millis(void);

#endif
