#include "pins.h"
#include "protocol.h"
#include <avr/io.h>

static uint8_t modes[PIN_COUNT];
static uint8_t output_levels[PIN_COUNT];

typedef struct {
  volatile uint8_t *ddr;
  volatile uint8_t *port;
  volatile uint8_t *in;
  uint8_t mask;
} pin_regs;

static pin_regs regs(uint8_t pin) {
  if (pin < 8) return (pin_regs){&DDRD, &PORTD, &PIND, (uint8_t)_BV(pin)};
  if (pin < 14) return (pin_regs){&DDRB, &PORTB, &PINB, (uint8_t)_BV(pin - 8)};
  return (pin_regs){&DDRC, &PORTC, &PINC, (uint8_t)_BV(pin - 14)};
}

void pins_init(void) {
  /* Every pin an input without pull-up: no output is driven until the host asks. The hardware
   * reset already does this; it is said again so that any way into main (a jump to 0 from a
   * corrupted stack does not reset the registers) starts the same. */
  DDRB = DDRC = DDRD = 0;
  PORTB = PORTC = PORTD = 0;
  for (uint8_t pin = 0; pin < PIN_COUNT; pin++) modes[pin] = MODE_UNSET;
  /* AVcc reference, ADC on, clk/128 (125 kHz, inside the 50-200 kHz the datasheet wants for 10 bits). */
  ADMUX = _BV(REFS0);
  ADCSRA = _BV(ADEN) | _BV(ADPS2) | _BV(ADPS1) | _BV(ADPS0);
}

uint8_t pin_mode(uint8_t pin) { return pin < PIN_COUNT ? modes[pin] : MODE_UNSET; }

uint8_t pin_set_mode(uint8_t pin, uint8_t mode) {
  if (pin < FIRST_USABLE_PIN || pin >= PIN_COUNT) return 0;
  pin_regs r = regs(pin);
  switch (mode) {
    case MODE_OUTPUT:
      *r.ddr |= r.mask;
      break;
    case MODE_INPUT:
    case MODE_COUNTER:
      *r.ddr &= (uint8_t)~r.mask;
      *r.port &= (uint8_t)~r.mask;
      break;
    case MODE_PULLUP:
      *r.ddr &= (uint8_t)~r.mask;
      *r.port |= r.mask;
      break;
    case MODE_ANALOG:
    case MODE_I2C:
      if (pin < FIRST_ANALOG_PIN) return 0;
      if (mode == MODE_I2C && pin < 18) return 0;
      *r.ddr &= (uint8_t)~r.mask;
      *r.port &= (uint8_t)~r.mask;
      break;
    default:
      return 0;
  }
  modes[pin] = mode;
  return 1;
}

void pin_write(uint8_t pin, uint8_t level) {
  if (pin < FIRST_USABLE_PIN || pin >= PIN_COUNT) return;
  pin_regs r = regs(pin);
  output_levels[pin] = level ? 1 : 0;
  if (level)
    *r.port |= r.mask;
  else
    *r.port &= (uint8_t)~r.mask;
}

uint8_t pin_output_level(uint8_t pin) { return pin < PIN_COUNT ? output_levels[pin] : 0; }

uint8_t pin_read(uint8_t pin) {
  if (pin >= PIN_COUNT) return 0;
  pin_regs r = regs(pin);
  return (*r.in & r.mask) ? 1 : 0;
}

uint8_t port_read(uint8_t port) {
  uint8_t levels = 0;
  for (uint8_t bit = 0; bit < 8; bit++) {
    uint8_t pin = (uint8_t)(port * 8 + bit);
    if (pin < PIN_COUNT && pin_read(pin)) levels |= (uint8_t)_BV(bit);
  }
  return levels;
}

uint16_t adc_read(uint8_t channel) {
  ADMUX = (uint8_t)(_BV(REFS0) | (channel & 0x07));
  ADCSRA |= _BV(ADSC);
  while (ADCSRA & _BV(ADSC)) {
  }
  return ADC;
}
