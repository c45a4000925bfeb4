/*
 * Flow-meter pulses counted in the chip: a pin-change interrupt counts every rising edge of a
 * counting pin, however busy the serial line is, and the host reads totals, not edges.
 */
#ifndef SEEDLINE_COUNTER_H
#define SEEDLINE_COUNTER_H
#include <stdint.h>

void counter_enable(uint8_t pin, uint8_t on);
/* The pin's rising edges since counting began (wraps at 2^32). */
uint32_t counter_total(uint8_t pin);

#endif
