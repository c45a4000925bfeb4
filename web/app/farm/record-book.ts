import { calendarDay, phiClearsOn } from '@seedline/db';
import type { DoseUnit, FarmLogKind, InputType, ObservationKind, PlantingStatus, SeedLotFacts } from '@seedline/db';
import type { IrrigationRecord } from '../shop/irrigation-record.ts';

// A planting's record book, as a VietGAP inspector reads it on paper: who grew it where, from
// which seed lot, every entry of its farm log by section, the zone's measured irrigation and the
// harvests. Pure: the rows a query read in, the book the PDF renderer lays out.
//
// Records are never erased: a correction is a new entry that points at the entry it corrects. The
// book keeps every entry, each correction right after what it corrects (struck through on paper),
// with its reason, who and when; totals count only the entries that still stand.

/** A farm log entry as read from the database, with the names of the people on it. */
export type LogRow = {
  id: string;
  kind: FarmLogKind;
  occurredAt: Date;
  recordedAt: Date;
  recordedBy: string;
  note: string | null;
  inputType: InputType | null;
  inputProduct: string | null;
  activeIngredient: string | null;
  dose: string | null;
  /** Applications from the co-op's register: the dose in the product's unit, area treated, who applied it. */
  doseAmount: number | null;
  doseUnit: DoseUnit | null;
  areaM2: number | null;
  appliedBy: string | null;
  /** The register's registration number of the product applied, when it came from the register. */
  registrationNumber: string | null;
  phiDays: number | null;
  /** Observations: pest, disease or a note. */
  observation: ObservationKind | null;
  /** The entry this one corrects, when it is a correction. */
  correctsId: string | null;
  /** Why a correction was made; null for an entry that corrects nothing. */
  reason: string | null;
};

/** A harvest by its log entry: its weight as it counts, and its corrected time if a correction moved it. */
export type HarvestRow = { logId: string; weightGrams: number; correctedAt?: Date | null };

type Shown<F> = { version: number; reason: string; recordedBy: string; recordedAt: Date; before: F; after: F };

/**
 * A correction of the planting's seed lot, the planting itself or one of its harvests (decision
 * 016): printed in a section of its own, what it said before and after, why, who and when. The
 * book's other sections print these records as they count now.
 */
export type RecordCorrectionRow =
  | ({ record: 'SEED_LOT' } & Shown<SeedLotFacts>)
  | ({ record: 'PLANTING'; quantityUnit: string | null } & Shown<{
      lotNumber: string;
      plantedOn: Date | null;
      quantity: number | null;
      areaM2: number | null;
    }>)
  | ({ record: 'HARVEST' } & Shown<{ harvestedAt: Date; weightGrams: number }>);

export type RecordBookInput = {
  printedAt: Date;
  farm: {
    name: string;
    commune: string;
    province: string;
    address: string | null;
    certifications: { scheme: string; number: string; issuedBy: string | null; validFrom: Date; validUntil: Date }[];
  };
  greenhouse: { name: string; areaM2: number };
  zone: { name: string; key: string; areaM2: number };
  product: { nameVi: string };
  planting: {
    id: string;
    status: PlantingStatus;
    sownOn: Date | null;
    transplantedOn: Date | null;
    expectedHarvestOn: Date | null;
    endedOn: Date | null;
    quantity: number | null;
    quantityUnit: string | null;
    areaM2: number | null;
  };
  seedLot: {
    supplier: string;
    variety: string;
    lotNumber: string;
    receivedOn: Date;
    quantity: number;
    quantityUnit: string;
    certificateNumber: string | null;
  };
  logs: readonly LogRow[];
  harvests: readonly HarvestRow[];
  irrigation: IrrigationRecord | null;
  /** Corrections of the seed lot, planting and harvests, oldest first within each (none: omitted). */
  recordCorrections?: readonly RecordCorrectionRow[];
};

/** What a correction says about itself: which entry it corrects, why, who and when. */
export type Correction = {
  /** 1 for the first correction of an entry, 2 for a correction of that correction... */
  number: number;
  correctsId: string;
  reason: string | null;
  by: string;
  at: Date;
};

/**
 * One printed line. `superseded`: a later entry corrects it (printed struck through); `correction`:
 * this line is itself a correction of the line before it.
 */
export type BookLine<T> = T & {
  id: string;
  occurredAt: Date;
  recordedBy: string;
  recordedAt: Date;
  superseded: boolean;
  correction: Correction | null;
};

export type WorkLine = BookLine<{ kind: FarmLogKind; note: string | null }>;

export type InputLine = BookLine<{
  inputType: InputType | null;
  product: string;
  activeIngredient: string | null;
  registrationNumber: string | null;
  dose: string | null;
  doseAmount: number | null;
  doseUnit: DoseUnit | null;
  areaM2: number | null;
  /** Who applied it: the name the farmer gave, else who recorded it. */
  appliedBy: string;
  phiDays: number | null;
  /** The first day produce may be harvested again; null without an interval. */
  clearsOn: string | null;
  /** Whether every harvest recorded after it waited for its interval; null without one or with no harvest since. */
  intervalHonoured: boolean | null;
  note: string | null;
}>;

export type ObservationLine = BookLine<{ observation: ObservationKind | null; note: string | null }>;

export type HarvestLine = BookLine<{ weightKg: number | null; note: string | null }>;

export type RecordBook = Omit<RecordBookInput, 'logs' | 'harvests'> & {
  /** Seed received, sowing, transplanting and other work. */
  work: WorkLine[];
  inputs: InputLine[];
  observations: ObservationLine[];
  harvestLines: HarvestLine[];
  totals: {
    /** Input applications that stand (corrected ones count once, as corrected). */
    inputs: number;
    observations: number;
    harvests: number;
    harvestKg: number;
    /** Corrections of log entries, and of the seed lot, planting and harvests. */
    corrections: number;
  };
  recordCorrections: readonly RecordCorrectionRow[];
};

type Chain = LogRow[];

/** Each entry followed by its corrections in order; chains in the order of what they now say. */
function chains(logs: readonly LogRow[]): Chain[] {
  const ids = new Set(logs.map((log) => log.id));
  const correctionOf = new Map<string, LogRow>();
  for (const log of logs) if (log.correctsId && ids.has(log.correctsId)) correctionOf.set(log.correctsId, log);
  const heads = logs.filter((log) => !log.correctsId || !ids.has(log.correctsId));
  const result = heads.map((head) => {
    const chain = [head];
    const seen = new Set([head.id]);
    for (let next = correctionOf.get(head.id); next && !seen.has(next.id); next = correctionOf.get(next.id)) {
      chain.push(next);
      seen.add(next.id);
    }
    return chain;
  });
  const standing = (chain: Chain) => chain[chain.length - 1]!;
  return result.sort(
    (a, b) =>
      standing(a).occurredAt.getTime() - standing(b).occurredAt.getTime() ||
      a[0]!.recordedAt.getTime() - b[0]!.recordedAt.getTime() ||
      a[0]!.id.localeCompare(b[0]!.id),
  );
}

function lines<T>(chain: Chain, fields: (log: LogRow) => T): BookLine<T>[] {
  return chain.map((log, i) => ({
    ...fields(log),
    id: log.id,
    occurredAt: log.occurredAt,
    recordedBy: log.recordedBy,
    recordedAt: log.recordedAt,
    superseded: i < chain.length - 1,
    correction:
      i === 0
        ? null
        : { number: i, correctsId: chain[i - 1]!.id, reason: log.reason, by: log.recordedBy, at: log.recordedAt },
  }));
}

const workKinds: readonly FarmLogKind[] = ['SEED_RECEIVED', 'SOWING', 'TRANSPLANTING', 'OTHER'];

export function recordBook(input: RecordBookInput): RecordBook {
  const { logs, harvests, recordCorrections = [], ...rest } = input;
  const all = chains(logs);
  // A chain belongs to the section of what it says now (a correction may change an entry's kind).
  const of = (kinds: readonly FarmLogKind[]) => all.filter((chain) => kinds.includes(chain[chain.length - 1]!.kind));
  const harvestTimes = harvestsStanding(all, harvests);
  const weightOf = new Map(harvests.map((h) => [h.logId, h.weightGrams]));

  const inputs = of(['INPUT_APPLICATION']).flatMap((chain) =>
    lines(chain, (log) => {
      const clearsOn = log.phiDays ? phiClearsOn({ appliedAt: log.occurredAt, phiDays: log.phiDays }) : null;
      // As the harvest rule reads it: harvests at or after the application, on or after the day it clears.
      const after = harvestTimes.filter((at) => at.getTime() >= log.occurredAt.getTime()).map(calendarDay);
      return {
        inputType: log.inputType,
        product: log.inputProduct ?? '',
        activeIngredient: log.activeIngredient,
        registrationNumber: log.registrationNumber,
        dose: log.dose,
        doseAmount: log.doseAmount,
        doseUnit: log.doseUnit,
        areaM2: log.areaM2,
        appliedBy: log.appliedBy ?? log.recordedBy,
        phiDays: log.phiDays,
        clearsOn,
        intervalHonoured: clearsOn === null || after.length === 0 ? null : after.every((day) => day >= clearsOn),
        note: log.note,
      };
    }),
  );
  const correctedAt = new Map(harvests.flatMap((h) => (h.correctedAt ? [[h.logId, h.correctedAt] as const] : [])));
  const harvestLines = of(['HARVEST']).flatMap((chain) =>
    // The weight is the harvest's, recorded with the chain's first entry; a corrected harvest's
    // standing line is printed at its corrected time (the correction itself is in its own section).
    lines(chain, (log) => ({ weightKg: gramsToKg(weightOf.get(chain[0]!.id)), note: log.note })).map((line, i) =>
      i === chain.length - 1 ? { ...line, occurredAt: correctedAt.get(chain[0]!.id) ?? line.occurredAt } : line,
    ),
  );
  const standingHarvests = of(['HARVEST']);
  return {
    ...rest,
    work: of(workKinds).flatMap((chain) => lines(chain, (log) => ({ kind: log.kind, note: log.note }))),
    inputs,
    observations: of(['OBSERVATION']).flatMap((chain) =>
      lines(chain, (log) => ({ observation: log.observation, note: log.note })),
    ),
    harvestLines,
    totals: {
      inputs: of(['INPUT_APPLICATION']).length,
      observations: of(['OBSERVATION']).length,
      harvests: standingHarvests.length,
      harvestKg: standingHarvests.reduce((sum, chain) => sum + (weightOf.get(chain[0]!.id) ?? 0), 0) / 1000,
      corrections: logs.filter((log) => log.correctsId !== null).length + recordCorrections.length,
    },
    recordCorrections,
  };
}

function gramsToKg(grams: number | undefined): number | null {
  return grams === undefined ? null : grams / 1000;
}

/** When the harvests happened, as their records now say. */
function harvestsStanding(all: readonly Chain[], harvests: readonly HarvestRow[]): Date[] {
  const byLog = new Map(harvests.map((h) => [h.logId, h]));
  return all
    .filter((chain) => byLog.has(chain[0]!.id))
    .map((chain) => byLog.get(chain[0]!.id)!.correctedAt ?? chain[chain.length - 1]!.occurredAt);
}

/**
 * The names a browser saves the book under: Vietnamese (`Sổ ghi chép …`, for browsers that read
 * RFC 6266's `filename*`) and the same in plain ASCII, e.g. `so-ghi-chep-dua-luoi-luong-a-2026-11-28.pdf`.
 */
export function recordBookFileNames(book: { product: { nameVi: string }; zone: { name: string }; printedAt: Date }) {
  const day = calendarDay(book.printedAt);
  const words = `${book.product.nameVi} ${book.zone.name}`;
  const ascii = words
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
  return {
    vietnamese: `Sổ ghi chép ${words.replace(/[\\/:*?"<>|]+/g, ' ').trim()} ${day}.pdf`,
    ascii: `so-ghi-chep-${ascii}-${day}.pdf`,
  };
}
