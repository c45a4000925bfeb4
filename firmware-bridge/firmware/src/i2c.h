/* The TWI as an I2C controller at 100 kHz (the SHT31-D), blocking with a bounded wait. */
#ifndef SEEDLINE_I2C_H
#define SEEDLINE_I2C_H
#include <stdint.h>

void i2c_init(void);
/* Returns 1 when the device acknowledged every byte. */
uint8_t i2c_write(uint8_t address, const uint8_t *data, uint8_t length);
uint8_t i2c_read(uint8_t address, uint8_t *data, uint8_t length);

#endif
