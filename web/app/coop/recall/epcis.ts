import { toGtin14 } from '@seedline/db';
import { type RecallChain, harvestLot, shippedOrders } from './chain.ts';

// A lot's chain as an EPCIS 2.0 JSON-LD document (GS1 EPCIS 2.0 and CBV 2.0): commissioning at
// harvest, the transformation at packing, each shipped order, and the zone's irrigation as
// sensor_reporting events. Products are class-level (GTIN + lot): Seedline does not serialise packs.
// Places and the orders have no GLN or GS1 key, so they are identified by URIs under the shop's address.

const context = 'https://ref.gs1.org/standards/epcis/epcis-context.jsonld';
/** Vietnam's offset: every event happened there. */
const offset = '+07:00';

export type EpcisEvent = Record<string, unknown> & { type: string; eventTime: string; bizStep: string };

/** GS1 Digital Link URI of one lot of a product: the class-level identifier EPCIS 2.0 accepts. */
export function lgtin(gtin: string, lot: string): string {
  return `https://id.gs1.org/01/${toGtin14(gtin)}/10/${encodeURIComponent(lot)}`;
}

export function epcisDocument(chain: RecallChain, options: { baseUrl: string; now: Date }) {
  const at = (path: string) => new URL(path, options.baseUrl).href;
  const events = [
    ...irrigationEvents(chain, at),
    harvestEvent(chain, at),
    packingEvent(chain, at),
    ...orderEvents(chain, at),
  ];
  return {
    '@context': [context],
    type: 'EPCISDocument',
    schemaVersion: '2.0',
    creationDate: options.now.toISOString(),
    epcisBody: { eventList: events },
  };
}

type At = (path: string) => string;

const greenhouseUri = (chain: RecallChain, at: At) =>
  at(`/id/greenhouse/${encodeURIComponent(chain.greenhouse.thingName)}`);
const zoneUri = (chain: RecallChain, at: At) =>
  `${greenhouseUri(chain, at)}/zone/${encodeURIComponent(chain.zone.key)}`;
const farmUri = (chain: RecallChain, at: At) => at(`/id/farm/${encodeURIComponent(chain.farm.code)}`);

function harvestEvent(chain: RecallChain, at: At): EpcisEvent {
  return {
    type: 'ObjectEvent',
    eventTime: chain.harvest.harvestedAt.toISOString(),
    eventTimeZoneOffset: offset,
    action: 'ADD',
    bizStep: 'commissioning',
    disposition: 'active',
    quantityList: [
      { epcClass: lgtin(chain.gtin, harvestLot(chain)), quantity: chain.harvest.weightGrams / 1000, uom: 'KGM' },
    ],
    readPoint: { id: zoneUri(chain, at) },
    bizLocation: { id: greenhouseUri(chain, at) },
  };
}

function packingEvent(chain: RecallChain, at: At): EpcisEvent {
  const { packLot } = chain;
  return {
    type: 'TransformationEvent',
    // Packed on a calendar day: the event is dated at noon of it in Vietnam.
    eventTime: new Date(`${packLot.packedOn.toISOString().slice(0, 10)}T12:00:00${offset}`).toISOString(),
    eventTimeZoneOffset: offset,
    bizStep: 'packing',
    disposition: 'active',
    inputQuantityList: [{ epcClass: lgtin(chain.gtin, harvestLot(chain)), quantity: packedKg(chain), uom: 'KGM' }],
    outputQuantityList: [{ epcClass: lgtin(chain.gtin, chain.lotCode), quantity: packLot.unitCount }],
    bizLocation: { id: farmUri(chain, at) },
  };
}

/**
 * What of the harvest went into this lot: its packs' net weight. Produce sold by the piece has no
 * pack weight, so the whole harvest stands as the input (a harvest may feed several lots).
 */
function packedKg({ packLot, harvest }: RecallChain): number {
  const grams = packLot.unitWeightGrams === null ? harvest.weightGrams : packLot.unitCount * packLot.unitWeightGrams;
  return grams / 1000;
}

/** A delivery is shipped to the buyer; a pickup is sold over the co-op's counter. */
function orderEvents(chain: RecallChain, at: At): EpcisEvent[] {
  return shippedOrders(chain).map((order) => {
    const delivery = order.fulfilment === 'DELIVERY';
    return {
      type: 'ObjectEvent',
      eventTime: order.orderedAt.toISOString(),
      eventTimeZoneOffset: offset,
      action: 'OBSERVE',
      bizStep: delivery ? 'shipping' : 'retail_selling',
      disposition: delivery ? 'in_transit' : 'retail_sold',
      quantityList: [{ epcClass: lgtin(chain.gtin, chain.lotCode), quantity: order.quantity }],
      bizTransactionList: [{ type: 'po', bizTransaction: at(`/id/order/${encodeURIComponent(order.reference)}`) }],
      bizLocation: { id: farmUri(chain, at) },
    };
  });
}

/**
 * One event a day of the zone that grew the lot: soil moisture (volumetric, %) low, mean and high,
 * and the litres applied, linked to the lot by its class in the quantity list.
 */
function irrigationEvents(chain: RecallChain, at: At): EpcisEvent[] {
  return chain.irrigation.map((day) => {
    const moisture =
      day.moistureMean === null
        ? []
        : [
            {
              type: 'VolumeFraction',
              minValue: day.moistureMin ?? day.moistureMean,
              meanValue: day.moistureMean,
              maxValue: day.moistureMax ?? day.moistureMean,
              uom: 'P1',
            },
          ];
    return {
      type: 'ObjectEvent',
      eventTime: new Date(`${day.day}T23:59:59${offset}`).toISOString(),
      eventTimeZoneOffset: offset,
      action: 'OBSERVE',
      bizStep: 'sensor_reporting',
      quantityList: [{ epcClass: lgtin(chain.gtin, chain.lotCode) }],
      readPoint: { id: zoneUri(chain, at) },
      sensorElementList: [
        {
          sensorMetadata: {
            deviceID: at(`/id/bridge/${encodeURIComponent(chain.greenhouse.thingName)}`),
            startTime: new Date(`${day.day}T00:00:00${offset}`).toISOString(),
            endTime: new Date(`${day.day}T23:59:59${offset}`).toISOString(),
          },
          sensorReport: [...moisture, { type: 'Volume', value: day.litres, uom: 'LTR' }],
        },
      ],
    };
  });
}
