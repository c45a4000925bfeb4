#include "i2c.h"
#include <avr/io.h>
#include <util/twi.h>

void i2c_init(void) {
  TWSR = 0;
  TWBR = (uint8_t)(((F_CPU / 100000UL) - 16) / 2);
  TWCR = _BV(TWEN);
}

/* Waits for the TWI to finish a step. A stuck bus gives up after ~10 ms, well inside the watchdog. */
static uint8_t wait(void) {
  for (uint16_t spins = 0; spins < 20000; spins++)
    if (TWCR & _BV(TWINT)) return 1;
  return 0;
}

static uint8_t step(uint8_t control) {
  TWCR = (uint8_t)(control | _BV(TWINT) | _BV(TWEN));
  return wait();
}

static void stop(void) { TWCR = _BV(TWINT) | _BV(TWEN) | _BV(TWSTO); }

static uint8_t start(uint8_t address_rw, uint8_t expected) {
  if (!step(_BV(TWSTA))) return 0;
  if (TW_STATUS != TW_START && TW_STATUS != TW_REP_START) return 0;
  TWDR = address_rw;
  return step(0) && TW_STATUS == expected;
}

uint8_t i2c_write(uint8_t address, const uint8_t *data, uint8_t length) {
  uint8_t ok = start((uint8_t)(address << 1), TW_MT_SLA_ACK);
  for (uint8_t i = 0; ok && i < length; i++) {
    TWDR = data[i];
    ok = step(0) && TW_STATUS == TW_MT_DATA_ACK;
  }
  stop();
  return ok;
}

uint8_t i2c_read(uint8_t address, uint8_t *data, uint8_t length) {
  uint8_t ok = start((uint8_t)((address << 1) | 1), TW_MR_SLA_ACK);
  for (uint8_t i = 0; ok && i < length; i++) {
    /* ACK every byte but the last, which is NACKed to end the read. */
    uint8_t last = (uint8_t)(i + 1 == length);
    ok = step(last ? 0 : _BV(TWEA));
    data[i] = TWDR;
  }
  stop();
  return ok;
}
