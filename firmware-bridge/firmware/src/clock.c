#include "clock.h"
#include <avr/interrupt.h>
#include <avr/io.h>
#include <util/atomic.h>

static volatile uint32_t millis;

void clock_init(void) {
  /* CTC, clk/64, 250 counts: 16 MHz / 64 / 250 = one interrupt per millisecond exactly. */
  TCCR0A = _BV(WGM01);
  OCR0A = 249;
  TCCR0B = _BV(CS01) | _BV(CS00);
  TIMSK0 = _BV(OCIE0A);
}

ISR(TIMER0_COMPA_vect) { millis++; }

uint32_t clock_millis(void) {
  uint32_t now;
  ATOMIC_BLOCK(ATOMIC_RESTORESTATE) { now = millis; }
  return now;
}
