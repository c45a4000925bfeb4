/* Firmata 2.5 command bytes this firmware understands, and Seedline's own sysex commands. */
#ifndef SEEDLINE_PROTOCOL_H
#define SEEDLINE_PROTOCOL_H

#define FIRMATA_MAJOR 2
#define FIRMATA_MINOR 5
#define FIRMWARE_NAME "SeedlineFirmata"

#define DIGITAL_MESSAGE 0x90
#define ANALOG_MESSAGE 0xE0
#define REPORT_ANALOG 0xC0
#define REPORT_DIGITAL 0xD0
#define SET_PIN_MODE 0xF4
#define SET_DIGITAL_PIN_VALUE 0xF5
#define REPORT_VERSION 0xF9
#define SYSTEM_RESET 0xFF
#define START_SYSEX 0xF0
#define END_SYSEX 0xF7

#define ANALOG_MAPPING_QUERY 0x69
#define ANALOG_MAPPING_RESPONSE 0x6A
#define CAPABILITY_QUERY 0x6B
#define CAPABILITY_RESPONSE 0x6C
#define PIN_STATE_QUERY 0x6D
#define PIN_STATE_RESPONSE 0x6E
#define I2C_REQUEST 0x76
#define I2C_REPLY 0x77
#define I2C_CONFIG 0x78
#define REPORT_FIRMWARE 0x79
#define SAMPLING_INTERVAL 0x7A

#define MODE_INPUT 0x00
#define MODE_OUTPUT 0x01
#define MODE_ANALOG 0x02
#define MODE_I2C 0x06
#define MODE_PULLUP 0x0B
/* Not a Firmata mode on the wire: the pin is an input whose rising edges are counted in the chip. */
#define MODE_COUNTER 0x7E
#define MODE_UNSET 0x7F

/*
 * Seedline sysex commands, in Firmata's user-defined range (0x01-0x0F), so a host that does not
 * know them (plain Johnny-Five) never sends them and the firmware behaves as a Firmata board.
 *   HEARTBEAT      host -> board: no data. The host is alive.
 *   SET_TIMEOUT    host -> board: 3 x 7 bits, milliseconds without a heartbeat before the failsafe.
 *   SET_SAFE_LEVEL host -> board: pin, level (0/1). The pin becomes an output the failsafe drives.
 *   COUNT_PULSES   host -> board: pin, 1 to count its rising edges in the chip (0 to stop).
 *   PULSE_COUNT    board -> host: pin, count as 5 x 7 bits (32 bits, wraps), sent when it changes.
 *   FAILSAFE       board -> host: 1 when the failsafe drove the outputs safe, 0 when a heartbeat
 *                  came back after it (the host must re-apply its outputs).
 */
#define SEEDLINE_HEARTBEAT 0x01
#define SEEDLINE_SET_TIMEOUT 0x02
#define SEEDLINE_SET_SAFE_LEVEL 0x03
#define SEEDLINE_COUNT_PULSES 0x04
#define SEEDLINE_PULSE_COUNT 0x05
#define SEEDLINE_FAILSAFE 0x06

#endif
