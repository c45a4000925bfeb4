/*
 * Seedline's Firmata firmware for an Arduino Uno (ATmega328P, 16 MHz): the part of Firmata 2.5
 * Johnny-Five uses, flow pulses counted in the chip, and outputs that go safe on their own when
 * the host stops sending its heartbeat. See firmware-bridge/README.md and decision 027.
 *
 * At reset (power-up, brown-out, watchdog) every pin is an input until the host configures it:
 * the README's wiring (active-high relay drivers with pull-downs) reads that as every relay off.
 */
#include "clock.h"
#include "firmata.h"
#include "i2c.h"
#include "pins.h"
#include "safety.h"
#include "serial.h"
#include <avr/interrupt.h>

int main(void) {
  pins_init();
  clock_init();
  serial_init();
  i2c_init();
  safety_init();
  sei();
  firmata_announce();
  for (;;) {
    uint32_t now = clock_millis();
    int16_t byte;
    while ((byte = serial_read()) >= 0) firmata_receive((uint8_t)byte, now);
    firmata_report(now);
    safety_poll(now);
  }
}
