// Filters above lists. Each filter's value lives in the URL's query string,
// so a filtered list can be bookmarked and shared, and Back restores it.
import { useEffect, useState, type ReactNode } from 'react';
import type { Option } from './form';

export function FilterBar({ label, children }: { label: string; children: ReactNode }) {
  return (
    <form className="filter-bar" role="search" aria-label={label} onSubmit={(e) => e.preventDefault()}>
      {children}
    </form>
  );
}

interface SelectFilterProps {
  name: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  options: Option[];
  allLabel: string;
}

export function SelectFilter({ name, label, value, onChange, options, allLabel }: SelectFilterProps) {
  const id = `filter-${name}`;
  return (
    <div className="filter">
      <label htmlFor={id} className="filter__label">
        {label}
      </label>
      <select id={id} name={name} className="input select" value={value} onChange={(e) => onChange(e.target.value)}>
        <option value="">{allLabel}</option>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

interface SearchFilterProps {
  name: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
}

/** A text filter; typing updates the URL as it goes (the list debounces). */
export function SearchFilter({ name, label, value, onChange }: SearchFilterProps) {
  const id = `filter-${name}`;
  // Local state keeps typing smooth; the URL follows.
  const [text, setText] = useState(value);
  useEffect(() => setText(value), [value]);
  return (
    <div className="filter">
      <label htmlFor={id} className="filter__label">
        {label}
      </label>
      <input
        id={id}
        name={name}
        type="search"
        className="input"
        value={text}
        autoComplete="off"
        onChange={(e) => {
          setText(e.target.value);
          onChange(e.target.value);
        }}
      />
    </div>
  );
}
