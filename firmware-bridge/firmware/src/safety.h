/*
 * The board keeps the greenhouse safe on its own: the outputs the host marks (valves, pump,
 * master valve) go to their safe levels when the host's heartbeat stops, and the hardware
 * watchdog resets a hung chip (which then starts with every pin an input, see main.c).
 */
#ifndef SEEDLINE_SAFETY_H
#define SEEDLINE_SAFETY_H
#include <stdint.h>

#define DEFAULT_TIMEOUT_MS 5000UL

void safety_init(void);
/* The pin is an output whose safe level is `level`; it is driven there now, and guarded from now on. */
void safety_set_safe_level(uint8_t pin, uint8_t level, uint32_t now);
void safety_set_timeout(uint32_t ms);
void safety_heartbeat(uint32_t now);
/* Every guarded pin to its safe level (the host reset, or the heartbeat stopped). */
void safety_drive_safe(void);
/* Trips the failsafe once the host has been silent for the timeout; call from the main loop. */
void safety_poll(uint32_t now);
/* The pin is a guarded output (the host may not make it an input). */
uint8_t safety_guards(uint8_t pin);
/* While tripped, a guarded pin may only be written to its safe level. */
uint8_t safety_allows(uint8_t pin, uint8_t level);

#endif
