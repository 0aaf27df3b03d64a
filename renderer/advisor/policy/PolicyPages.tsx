import { useText } from '../i18n';
import { AuditLog } from './AuditLog';
import { PolicyEditor } from './PolicyEditor';

/** The administrators' entries in the console's navigation: "Site policy" and "Audit log". */
export function AdminNav() {
  const { tr } = useText();
  return (
    <>
      <li>
        <a href="#policy">{tr('policyEditor.nav')}</a>
      </li>
      <li>
        <a href="#audit">{tr('policyEditor.audit.nav')}</a>
      </li>
    </>
  );
}

/** The administrators' pages: the site policy (with its history) and the audit log. */
export function PolicyPages({ zone, onFailure }: { zone: string; onFailure: (error: unknown) => void }) {
  return (
    <>
      <PolicyEditor zone={zone} onFailure={onFailure} />
      <AuditLog zone={zone} onFailure={onFailure} />
    </>
  );
}
