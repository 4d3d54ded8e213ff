/** One labelled password input: sign-in, the reset page and Settings › Password use the same field. */
export function PasswordField({
  label,
  value,
  onChange,
  autoComplete = "new-password",
  name,
}: {
  label: string;
  value: string;
  onChange(value: string): void;
  /** "current-password" where the password is checked, "new-password" where one is chosen. */
  autoComplete?: "current-password" | "new-password";
  name?: string;
}) {
  return (
    <label>
      {label}
      <input
        name={name}
        type="password"
        autoComplete={autoComplete}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        required
      />
    </label>
  );
}
