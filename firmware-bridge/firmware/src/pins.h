/* An Arduino Uno's pins 0-19 on the ATmega328P's ports D (0-7), B (8-13) and C (14-19 = A0-A5). */
#ifndef SEEDLINE_PINS_H
#define SEEDLINE_PINS_H
#include <stdint.h>

#define PIN_COUNT 20
#define FIRST_ANALOG_PIN 14
#define ANALOG_COUNT 6
/* Firmata ports are groups of 8 pins: 0-7, 8-15, 16-19. */
#define PORT_COUNT 3
/* D0 and D1 are the serial line. */
#define FIRST_USABLE_PIN 2

void pins_init(void);
uint8_t pin_mode(uint8_t pin);
/* Sets a pin's Firmata mode; returns 0 for a mode the pin does not have. */
uint8_t pin_set_mode(uint8_t pin, uint8_t mode);
void pin_write(uint8_t pin, uint8_t level);
/* The level last written to an output (what a pin state query reports). */
uint8_t pin_output_level(uint8_t pin);
uint8_t pin_read(uint8_t pin);
/* The levels of a Firmata port's 8 pins, 1 = high. */
uint8_t port_read(uint8_t port);
/* A 10-bit conversion of ADC channel 0-5 against AVcc. */
uint16_t adc_read(uint8_t channel);

#endif
