#include "safety.h"
#include "pins.h"
#include "protocol.h"
#include "serial.h"
#include <avr/io.h>
#include <avr/wdt.h>

/* After a watchdog reset the watchdog stays on (at 16 ms): turn it off before main's setup. */
void disable_watchdog_at_boot(void) __attribute__((naked, used, section(".init3")));
void disable_watchdog_at_boot(void) {
  MCUSR = 0;
  wdt_disable();
}

static uint8_t guarded[PIN_COUNT]; /* 0 = not guarded, else safe level + 1 */
static uint8_t armed;
static uint8_t tripped;
static uint32_t timeout_ms = DEFAULT_TIMEOUT_MS;
static uint32_t last_heartbeat;

static void report_failsafe(uint8_t on) {
  serial_write(START_SYSEX);
  serial_write(SEEDLINE_FAILSAFE);
  serial_write(on);
  serial_write(END_SYSEX);
}

void safety_init(void) {
  /* Half a second: the main loop's longest blocking step (an I2C transfer) is far below it. */
  wdt_enable(WDTO_500MS);
}

void safety_set_safe_level(uint8_t pin, uint8_t level, uint32_t now) {
  if (pin < FIRST_USABLE_PIN || pin >= PIN_COUNT) return;
  guarded[pin] = (uint8_t)((level ? 1 : 0) + 1);
  pin_set_mode(pin, MODE_OUTPUT);
  pin_write(pin, level);
  /* The timeout runs from the moment the host first says which outputs matter. */
  if (!armed) last_heartbeat = now;
  armed = 1;
}

void safety_set_timeout(uint32_t ms) {
  if (ms > 0) timeout_ms = ms;
}

void safety_heartbeat(uint32_t now) {
  last_heartbeat = now;
  if (tripped) {
    tripped = 0;
    report_failsafe(0);
  }
}

void safety_drive_safe(void) {
  for (uint8_t pin = 0; pin < PIN_COUNT; pin++) {
    if (!guarded[pin]) continue;
    pin_set_mode(pin, MODE_OUTPUT);
    pin_write(pin, (uint8_t)(guarded[pin] - 1));
  }
}

void safety_poll(uint32_t now) {
  wdt_reset();
  if (!armed || tripped || now - last_heartbeat < timeout_ms) return;
  tripped = 1;
  safety_drive_safe();
  report_failsafe(1);
}

uint8_t safety_allows(uint8_t pin, uint8_t level) {
  if (!tripped || pin >= PIN_COUNT || !guarded[pin]) return 1;
  return (uint8_t)((level ? 1 : 0) + 1) == guarded[pin];
}

uint8_t safety_guards(uint8_t pin) { return pin < PIN_COUNT && guarded[pin]; }
