#include "firmata.h"
#include "counter.h"
#include "i2c.h"
#include "pins.h"
#include "protocol.h"
#include "safety.h"
#include "serial.h"

#define SYSEX_MAX 64

static uint8_t reporting_analog; /* bit per channel */
static uint8_t reporting_ports;  /* bit per Firmata port */
static uint8_t last_port_values[PORT_COUNT];
static uint32_t reported_counts[PIN_COUNT];
static uint16_t sampling_ms = 19; /* StandardFirmata's default */
static uint32_t last_sample;

/* Parser state: a channel message waiting for its data bytes, or a sysex being collected. */
static uint8_t command;
static uint8_t needed;
static uint8_t data[2];
static uint8_t received;
static uint8_t in_sysex;
static uint8_t sysex[SYSEX_MAX];
static uint8_t sysex_length;

static void write_sysex_start(uint8_t cmd) {
  serial_write(START_SYSEX);
  serial_write(cmd);
}

void firmata_announce(void) {
  serial_write(REPORT_VERSION);
  serial_write(FIRMATA_MAJOR);
  serial_write(FIRMATA_MINOR);
  write_sysex_start(REPORT_FIRMWARE);
  serial_write(FIRMATA_MAJOR);
  serial_write(FIRMATA_MINOR);
  for (const char *c = FIRMWARE_NAME; *c; c++) serial_write14((uint8_t)*c);
  serial_write(END_SYSEX);
}

static void capability_response(void) {
  write_sysex_start(CAPABILITY_RESPONSE);
  for (uint8_t pin = 0; pin < PIN_COUNT; pin++) {
    if (pin >= FIRST_USABLE_PIN) {
      const uint8_t digital[] = {MODE_INPUT, 1, MODE_OUTPUT, 1, MODE_PULLUP, 1};
      for (uint8_t i = 0; i < sizeof digital; i++) serial_write(digital[i]);
    }
    if (pin >= FIRST_ANALOG_PIN) {
      serial_write(MODE_ANALOG);
      serial_write(10);
    }
    if (pin >= 18) {
      serial_write(MODE_I2C);
      serial_write(1);
    }
    serial_write(0x7F);
  }
  serial_write(END_SYSEX);
}

static void analog_mapping_response(void) {
  write_sysex_start(ANALOG_MAPPING_RESPONSE);
  for (uint8_t pin = 0; pin < PIN_COUNT; pin++)
    serial_write(pin >= FIRST_ANALOG_PIN ? (uint8_t)(pin - FIRST_ANALOG_PIN) : 0x7F);
  serial_write(END_SYSEX);
}

static void pin_state_response(uint8_t pin) {
  write_sysex_start(PIN_STATE_RESPONSE);
  serial_write(pin);
  uint8_t mode = pin_mode(pin);
  /* A counting pin is an input to anyone who asks in Firmata's terms. */
  serial_write(mode == MODE_COUNTER ? MODE_INPUT : mode);
  serial_write(mode == MODE_OUTPUT ? pin_output_level(pin) : pin_read(pin));
  serial_write(END_SYSEX);
}

static uint8_t input_mask(uint8_t port) {
  uint8_t mask = 0;
  for (uint8_t bit = 0; bit < 8; bit++) {
    uint8_t mode = pin_mode((uint8_t)(port * 8 + bit));
    if (mode == MODE_INPUT || mode == MODE_PULLUP) mask |= (uint8_t)(1 << bit);
  }
  return mask;
}

static void send_port(uint8_t port, uint8_t value) {
  last_port_values[port] = value;
  serial_write((uint8_t)(DIGITAL_MESSAGE | port));
  serial_write14(value);
}

static void write_output(uint8_t pin, uint8_t level) {
  if (pin_mode(pin) == MODE_OUTPUT && safety_allows(pin, level)) pin_write(pin, level);
}

static void i2c_request(void) {
  /* sysex[1] = address, sysex[2] = mode in bits 3-4; then 7-bit pairs. */
  uint8_t address = sysex[1];
  uint8_t mode = (uint8_t)((sysex[2] >> 3) & 0x03);
  uint8_t bytes[16];
  uint8_t count = 0;
  for (uint8_t i = 3; i + 1 < sysex_length && count < sizeof bytes; i += 2)
    bytes[count++] = (uint8_t)(sysex[i] | (sysex[i + 1] << 7));
  if (mode == 0) {
    i2c_write(address, bytes, count);
    return;
  }
  /* Read once: [register,] length. Continuous reads (mode 2) are not supported; the bridge's
   * SHT31-D driver reads once per measurement. */
  if (mode != 1 || count == 0) return;
  uint8_t reg = 0;
  if (count >= 2) {
    reg = bytes[0];
    i2c_write(address, &reg, 1);
  }
  uint8_t length = bytes[count - 1];
  uint8_t reply[16];
  if (length > sizeof reply) length = sizeof reply;
  if (!i2c_read(address, reply, length)) return;
  write_sysex_start(I2C_REPLY);
  serial_write14(address);
  serial_write14(reg);
  for (uint8_t i = 0; i < length; i++) serial_write14(reply[i]);
  serial_write(END_SYSEX);
}

static void handle_sysex(uint32_t now) {
  if (sysex_length == 0) return;
  switch (sysex[0]) {
    case REPORT_FIRMWARE:
      firmata_announce();
      break;
    case CAPABILITY_QUERY:
      capability_response();
      break;
    case ANALOG_MAPPING_QUERY:
      analog_mapping_response();
      break;
    case PIN_STATE_QUERY:
      if (sysex_length > 1) pin_state_response(sysex[1]);
      break;
    case SAMPLING_INTERVAL:
      if (sysex_length > 2) {
        uint16_t ms = (uint16_t)(sysex[1] | (sysex[2] << 7));
        sampling_ms = ms < 10 ? 10 : ms;
      }
      break;
    case I2C_CONFIG:
      i2c_init();
      break;
    case I2C_REQUEST:
      if (sysex_length > 2) i2c_request();
      break;
    case SEEDLINE_HEARTBEAT:
      safety_heartbeat(now);
      break;
    case SEEDLINE_SET_TIMEOUT:
      if (sysex_length > 3)
        safety_set_timeout((uint32_t)sysex[1] | ((uint32_t)sysex[2] << 7) | ((uint32_t)sysex[3] << 14));
      break;
    case SEEDLINE_SET_SAFE_LEVEL:
      if (sysex_length > 2) safety_set_safe_level(sysex[1], sysex[2], now);
      break;
    case SEEDLINE_COUNT_PULSES:
      if (sysex_length > 2 && sysex[1] < PIN_COUNT) {
        pin_set_mode(sysex[1], sysex[2] ? MODE_COUNTER : MODE_INPUT);
        counter_enable(sysex[1], sysex[2]);
        /* The host starts from zero: report it so it knows counting began. */
        reported_counts[sysex[1]] = 0xFFFFFFFFUL;
      }
      break;
  }
}

static void handle_message(void) {
  uint8_t channel = command & 0x0F;
  switch (command & 0xF0) {
    case DIGITAL_MESSAGE: {
      uint8_t value = (uint8_t)(data[0] | (data[1] << 7));
      for (uint8_t bit = 0; bit < 8; bit++) write_output((uint8_t)(channel * 8 + bit), (value >> bit) & 1);
      return;
    }
    case REPORT_ANALOG:
      if (channel < ANALOG_COUNT) {
        if (data[0])
          reporting_analog |= (uint8_t)(1 << channel);
        else
          reporting_analog &= (uint8_t)~(1 << channel);
      }
      return;
    case REPORT_DIGITAL:
      if (channel < PORT_COUNT) {
        if (data[0]) {
          reporting_ports |= (uint8_t)(1 << channel);
          send_port(channel, port_read(channel) & input_mask(channel));
        } else {
          reporting_ports &= (uint8_t)~(1 << channel);
        }
      }
      return;
  }
  switch (command) {
    case SET_PIN_MODE:
      /* A guarded output stays an output, or the failsafe could not drive it. */
      if (!safety_guards(data[0]) || data[1] == MODE_OUTPUT) pin_set_mode(data[0], data[1]);
      return;
    case SET_DIGITAL_PIN_VALUE:
      write_output(data[0], data[1]);
      return;
  }
}

/* How many data bytes follow a command byte (0 for commands handled at once). */
static uint8_t data_bytes(uint8_t byte) {
  uint8_t high = byte & 0xF0;
  if (high == REPORT_ANALOG || high == REPORT_DIGITAL) return 1;
  if (high == DIGITAL_MESSAGE || high == ANALOG_MESSAGE) return 2;
  if (byte == SET_PIN_MODE || byte == SET_DIGITAL_PIN_VALUE) return 2;
  return 0;
}

void firmata_receive(uint8_t byte, uint32_t now) {
  if (in_sysex) {
    if (byte == END_SYSEX) {
      in_sysex = 0;
      handle_sysex(now);
    } else if (byte & 0x80) {
      in_sysex = 0; /* a command byte inside a sysex: the sysex was cut short, drop it */
    } else if (sysex_length < SYSEX_MAX) {
      sysex[sysex_length++] = byte;
    }
    if (in_sysex || byte == END_SYSEX) return;
  }
  if (byte & 0x80) {
    received = 0;
    needed = 0;
    if (byte == START_SYSEX) {
      in_sysex = 1;
      sysex_length = 0;
    } else if (byte == REPORT_VERSION) {
      serial_write(REPORT_VERSION);
      serial_write(FIRMATA_MAJOR);
      serial_write(FIRMATA_MINOR);
    } else if (byte == SYSTEM_RESET) {
      reporting_analog = 0;
      reporting_ports = 0;
      safety_drive_safe();
    } else {
      command = byte;
      needed = data_bytes(byte);
    }
    return;
  }
  if (needed == 0) return;
  data[received++] = byte;
  if (received == needed) {
    handle_message();
    received = 0; /* running status: more data bytes repeat the command */
  }
}

static void report_count(uint8_t pin, uint32_t total) {
  reported_counts[pin] = total;
  write_sysex_start(SEEDLINE_PULSE_COUNT);
  serial_write(pin);
  for (uint8_t i = 0; i < 5; i++) serial_write((uint8_t)((total >> (7 * i)) & 0x7F));
  serial_write(END_SYSEX);
}

void firmata_report(uint32_t now) {
  for (uint8_t port = 0; port < PORT_COUNT; port++) {
    if (!(reporting_ports & (1 << port))) continue;
    uint8_t value = port_read(port) & input_mask(port);
    if (value != last_port_values[port]) send_port(port, value);
  }
  /* A count goes out as soon as it changes, as a port's edge would: the bridge closes a run's
   * litres when the valve closes, and a count held back to the sampling interval would land in
   * the next run. It is a total, so a delayed or lost report loses no pulse. */
  for (uint8_t pin = 0; pin < PIN_COUNT; pin++) {
    if (pin_mode(pin) != MODE_COUNTER) continue;
    uint32_t total = counter_total(pin);
    if (total != reported_counts[pin]) report_count(pin, total);
  }
  if (now - last_sample < sampling_ms) return;
  last_sample = now;
  for (uint8_t channel = 0; channel < ANALOG_COUNT; channel++) {
    if (!(reporting_analog & (1 << channel))) continue;
    serial_write((uint8_t)(ANALOG_MESSAGE | channel));
    serial_write14(adc_read(channel));
  }
}
