#include "serial.h"
#include <avr/interrupt.h>
#include <avr/io.h>

#define BAUD 57600UL
/* Double speed: 16 MHz / (8 * 35) = 57143 baud, -0.8 %, as the Arduino core sets it. */
#define UBRR_VALUE ((F_CPU / (8UL * BAUD)) - 1)

/* Received bytes wait here while the main loop is busy sending (a capability reply is ~17 ms). */
#define RX_SIZE 128
static volatile uint8_t rx_buffer[RX_SIZE];
static volatile uint8_t rx_head;
static volatile uint8_t rx_tail;

void serial_init(void) {
  UCSR0A = _BV(U2X0);
  UBRR0H = (uint8_t)(UBRR_VALUE >> 8);
  UBRR0L = (uint8_t)UBRR_VALUE;
  UCSR0C = _BV(UCSZ01) | _BV(UCSZ00); /* 8N1 */
  UCSR0B = _BV(RXEN0) | _BV(TXEN0) | _BV(RXCIE0);
}

ISR(USART_RX_vect) {
  uint8_t byte = UDR0;
  uint8_t next = (uint8_t)((rx_head + 1) % RX_SIZE);
  /* A full buffer drops the byte: the parser resynchronises on the next command byte. */
  if (next != rx_tail) {
    rx_buffer[rx_head] = byte;
    rx_head = next;
  }
}

int16_t serial_read(void) {
  if (rx_head == rx_tail) return -1;
  uint8_t byte = rx_buffer[rx_tail];
  rx_tail = (uint8_t)((rx_tail + 1) % RX_SIZE);
  return byte;
}

void serial_write(uint8_t byte) {
  while (!(UCSR0A & _BV(UDRE0))) {
  }
  UDR0 = byte;
}

void serial_write14(uint16_t value) {
  serial_write(value & 0x7F);
  serial_write((value >> 7) & 0x7F);
}
