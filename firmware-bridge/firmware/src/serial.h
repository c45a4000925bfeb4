/* USART0 at 57600 baud (StandardFirmata's rate): interrupt-driven receive, blocking send. */
#ifndef SEEDLINE_SERIAL_H
#define SEEDLINE_SERIAL_H
#include <stdint.h>

void serial_init(void);
/* The next received byte, or -1 when none is waiting. */
int16_t serial_read(void);
void serial_write(uint8_t byte);
/* A 14-bit value as two 7-bit bytes, least significant first (Firmata's encoding). */
void serial_write14(uint16_t value);

#endif
