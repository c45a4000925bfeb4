import type { FootprintFigureText, FootprintText } from '../shop/water-footprint-text.ts';

/**
 * Litres of irrigation per kg, measured beside the FAO-56 estimate (decision 024): on the batch page
 * for buyers and on the co-op's listing page for staff. The loader has put it in the reader's
 * language (shop/water-footprint-text.ts).
 */
export function WaterFootprintPanel({ text }: { text: FootprintText }) {
  return (
    <section className="water-footprint" aria-labelledby="water-footprint">
      <h2 id="water-footprint">{text.title}</h2>
      {text.measured && text.estimate ? (
        <dl className="figures">
          <Figure name="measured" figure={text.measured} />
          <Figure name="estimate" figure={text.estimate} />
        </dl>
      ) : null}
      {text.notes.map((note) => (
        <p key={note} className="note">
          {note}
        </p>
      ))}
    </section>
  );
}

function Figure({ name, figure }: { name: string; figure: FootprintFigureText }) {
  return (
    <div data-figure={name}>
      <dt>{figure.label}</dt>
      <dd className={figure.known ? undefined : 'unknown'}>
        {figure.value}
        {figure.share ? <span className="share"> {figure.share}</span> : null}
      </dd>
    </div>
  );
}
