/* The Firmata protocol as Johnny-Five (firmata.js) uses it, plus Seedline's sysex commands. */
#ifndef SEEDLINE_FIRMATA_H
#define SEEDLINE_FIRMATA_H
#include <stdint.h>

/* Announces the protocol version and firmware name, as StandardFirmata does when it starts. */
void firmata_announce(void);
/* Feeds one received byte to the parser; complete messages are acted on at once. */
void firmata_receive(uint8_t byte, uint32_t now);
/* Sends what changed: digital ports and pulse counts at once, analog channels each sampling interval. */
void firmata_report(uint32_t now);

#endif
