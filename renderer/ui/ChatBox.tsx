import { useId, useState, type FormEvent } from 'react';

export interface ChatLine {
  id: number;
  from: 'resident' | 'advisor';
  text: string;
}

/**
 * A short text chat (help from afar, issue 16), the same on the kiosk and in
 * the console: the lines as a polite live log, a labelled field and Send.
 * `prefix` names its CSS classes; `names` says who wrote each line.
 */
export function ChatBox(props: {
  prefix: string;
  level: 2 | 3;
  heading: string;
  label: string;
  send: string;
  names: Record<ChatLine['from'], string>;
  lines: ChatLine[];
  onSay: (text: string) => Promise<boolean>;
}) {
  const { prefix, heading, lines, names } = props;
  const [text, setText] = useState('');
  const inputId = useId();
  const Heading = props.level === 2 ? 'h2' : 'h3';
  const submit = async (event: FormEvent) => {
    event.preventDefault();
    if (await props.onSay(text).catch(() => false)) setText('');
  };
  return (
    <div className={prefix}>
      <Heading className={`${prefix}__heading`}>{heading}</Heading>
      <div className={`${prefix}__log`} role="log" aria-live="polite" aria-label={heading}>
        {lines.map((line) => (
          <p key={line.id} className={`${prefix}__line ${prefix}__line--${line.from}`}>
            <span className={`${prefix}__who`}>{names[line.from]}:</span> {line.text}
          </p>
        ))}
      </div>
      <form className={`${prefix}__form`} onSubmit={(event) => void submit(event)}>
        <label htmlFor={inputId}>{props.label}</label>
        <input id={inputId} type="text" maxLength={500} value={text} onChange={(event) => setText(event.target.value)} autoComplete="off" />
        <button type="submit" className="button">
          {props.send}
        </button>
      </form>
    </div>
  );
}
