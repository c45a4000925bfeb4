#include "counter.h"
#include "pins.h"
#include <avr/interrupt.h>
#include <avr/io.h>
#include <util/atomic.h>

static volatile uint32_t totals[PIN_COUNT];
/* Per AVR port (B, C, D): which bits count, and their levels at the last interrupt. */
static volatile uint8_t counting[3];
static volatile uint8_t last_levels[3];

enum { PB, PC, PD };

static void locate(uint8_t pin, uint8_t *port, uint8_t *bit) {
  if (pin < 8) {
    *port = PD;
    *bit = pin;
  } else if (pin < 14) {
    *port = PB;
    *bit = (uint8_t)(pin - 8);
  } else {
    *port = PC;
    *bit = (uint8_t)(pin - 14);
  }
}

static volatile uint8_t *mask_register(uint8_t port) {
  return port == PB ? &PCMSK0 : port == PC ? &PCMSK1 : &PCMSK2;
}

static uint8_t port_levels(uint8_t port) { return port == PB ? PINB : port == PC ? PINC : PIND; }

void counter_enable(uint8_t pin, uint8_t on) {
  if (pin < FIRST_USABLE_PIN || pin >= PIN_COUNT) return;
  uint8_t port, bit;
  locate(pin, &port, &bit);
  ATOMIC_BLOCK(ATOMIC_RESTORESTATE) {
    if (on) {
      totals[pin] = 0;
      counting[port] |= (uint8_t)_BV(bit);
      last_levels[port] = port_levels(port);
    } else {
      counting[port] &= (uint8_t)~_BV(bit);
    }
    *mask_register(port) = counting[port];
    /* Pin-change interrupt groups 0, 1 and 2 are ports B, C and D. */
    uint8_t group = port == PB ? PCIE0 : port == PC ? PCIE1 : PCIE2;
    if (counting[port])
      PCICR |= (uint8_t)_BV(group);
    else
      PCICR &= (uint8_t)~_BV(group);
  }
}

uint32_t counter_total(uint8_t pin) {
  uint32_t total = 0;
  if (pin < PIN_COUNT) ATOMIC_BLOCK(ATOMIC_RESTORESTATE) { total = totals[pin]; }
  return total;
}

/* Counts the rising edges among a port's counting bits since its last interrupt. */
static void count(uint8_t port, uint8_t first_pin) {
  uint8_t now = port_levels(port);
  uint8_t rising = (uint8_t)(now & ~last_levels[port] & counting[port]);
  last_levels[port] = now;
  for (uint8_t bit = 0; rising; bit++, rising >>= 1)
    if (rising & 1) totals[first_pin + bit]++;
}

ISR(PCINT0_vect) { count(PB, 8); }
ISR(PCINT1_vect) { count(PC, 14); }
ISR(PCINT2_vect) { count(PD, 0); }
