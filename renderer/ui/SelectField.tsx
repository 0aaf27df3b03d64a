/** A labelled drop-down list (a site, a month): its label above it, or beside it where `inline`. */
export function SelectField({
  id,
  label,
  value,
  options,
  onChange,
  inline = false,
  className = '',
  invalid = false,
  describedBy,
}: {
  id: string;
  label: string;
  value: string;
  options: Array<{ value: string; label: string }>;
  onChange: (value: string) => void;
  inline?: boolean;
  className?: string;
  invalid?: boolean;
  describedBy?: string | undefined;
}) {
  return (
    <div className={`field${inline ? ' field--inline' : ''} ${className}`}>
      <label htmlFor={id} className="field__label">
        {label}
      </label>
      <select id={id} className="input input--select" value={value} onChange={(e) => onChange(e.target.value)} aria-invalid={invalid || undefined} aria-describedby={describedBy}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}
