// A searchable single-choice combobox following the WAI-ARIA Authoring
// Practices "list autocomplete with manual selection" pattern: a text input
// (role="combobox") that filters a popup listbox as you type. The caller
// does the searching (see EntityPicker for people and organisations); this
// component only handles text, focus and keys.
//
// Keys: Down/Up open the list and move through the options (wrapping),
// Alt+Down opens it without moving, Enter chooses the highlighted option,
// Escape closes the list and puts back the chosen name, Tab leaves. The
// options stay in the DOM focus of the input (aria-activedescendant).
// Emptying the text and leaving the field clears the choice, as does the
// "Clear" button next to a chosen value.
import { useEffect, useId, useRef, useState, type KeyboardEvent, type ReactNode } from 'react';
import { fieldId } from './form';

export interface ComboOption {
  id: string;
  label: string;
}

export interface ComboboxProps {
  /** Form field name: the input's id is fieldId(name) (or filter-NAME), so error summaries can link to it. */
  name: string;
  label: string;
  /** "field" (a labelled form field with hint and error) or "filter" (in a FilterBar). */
  variant?: 'field' | 'filter';
  hint?: ReactNode;
  error?: string | undefined;
  optional?: boolean;
  /** The chosen option (shown in the input while not typing); null when none. */
  selected: ComboOption | null;
  onSelect: (option: ComboOption | null) => void;
  /** The text to search for: what was typed, or "" when the list is opened without typing. */
  onSearch: (text: string) => void;
  /** Matches for the latest search (in order). */
  options: readonly ComboOption[];
  /** The options do not yet answer the latest search. */
  searching: boolean;
  /** Searching failed (shown in the popup; typing again retries). */
  failed?: boolean;
  /** How many match in all (more than options.length when there are more to load). */
  totalCount?: number;
  hasMore?: boolean;
  onLoadMore?: () => void;
  /** Shown in the empty input, e.g. "Type a name". */
  placeholder?: string;
}

const MORE = '__more__';

export function Combobox({
  name,
  label,
  variant = 'field',
  hint,
  error,
  optional,
  selected,
  onSelect,
  onSearch,
  options,
  searching,
  failed = false,
  totalCount,
  hasMore = false,
  onLoadMore,
  placeholder,
}: ComboboxProps) {
  const id = variant === 'filter' ? `filter-${name}` : fieldId(name);
  const uid = useId();
  const listId = `${uid}-listbox`;
  const statusId = `${uid}-status`;
  const optionId = (i: number) => `${uid}-option-${i}`;
  const inputRef = useRef<HTMLInputElement>(null);

  // Typed text; null while showing the chosen option's name.
  const [typed, setTyped] = useState<string | null>(null);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);

  const text = typed ?? selected?.label ?? '';
  const items: ComboOption[] = hasMore && onLoadMore ? [...options, { id: MORE, label: '' }] : [...options];
  const listShown = open && items.length > 0;
  const activeIndex = listShown && active < items.length ? active : -1;

  // Keep the highlighted option visible inside the scrolling popup.
  useEffect(() => {
    if (activeIndex < 0) return;
    const el = document.getElementById(optionId(activeIndex));
    el?.scrollIntoView?.({ block: 'nearest' });
  }, [activeIndex, uid]);

  const openList = (move: 'first' | 'last' | 'none') => {
    if (!open) {
      setOpen(true);
      onSearch(typed ?? '');
    }
    if (move === 'first') setActive(0);
    else if (move === 'last') setActive(Math.max(items.length - 1, 0));
  };

  const close = () => {
    setOpen(false);
    setActive(-1);
  };

  const choose = (i: number) => {
    const item = items[i];
    if (!item) return;
    if (item.id === MORE) {
      // The first of the next page takes the highlight once it arrives.
      onLoadMore?.();
      setActive(i);
      return;
    }
    onSelect(item);
    setTyped(null);
    close();
  };

  /** Leaving the field: an emptied input clears the choice, other typing is dropped. */
  const settle = () => {
    if (typed !== null) {
      if (typed.trim() === '' && selected) onSelect(null);
      setTyped(null);
    }
    close();
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    switch (e.key) {
      case 'ArrowDown':
        e.preventDefault();
        if (e.altKey) openList('none');
        else if (!listShown) openList('first');
        else setActive((a) => (a + 1) % items.length);
        break;
      case 'ArrowUp':
        e.preventDefault();
        if (!listShown) openList('last');
        else setActive((a) => (a <= 0 ? items.length - 1 : a - 1));
        break;
      case 'Enter':
        if (open) {
          // Never submit the form from an open list.
          e.preventDefault();
          if (activeIndex >= 0) choose(activeIndex);
        }
        break;
      case 'Escape':
        if (open || typed !== null) {
          e.preventDefault();
          e.stopPropagation();
          setTyped(null);
          close();
        }
        break;
      case 'Tab':
        settle();
        break;
    }
  };

  const count = totalCount ?? options.length;
  let message = '';
  if (open) {
    if (searching && options.length === 0) message = 'Searching…';
    else if (failed) message = 'Could not search. Type again to retry.';
    else if (options.length === 0) message = typed?.trim() ? `No matches for “${typed.trim()}”.` : 'No matches.';
  }
  const announcement = !open ? '' : message || `${count} ${count === 1 ? 'match' : 'matches'}${hasMore ? `, showing ${options.length}` : ''}. Use the up and down arrow keys to choose.`;

  const describedBy = [hint && variant === 'field' ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(' ') || undefined;

  const control = (
    <div className="combobox">
      <div className="combobox__control">
        <input
          ref={inputRef}
          id={id}
          name={name}
          type="text"
          role="combobox"
          className="input combobox__input"
          autoComplete="off"
          spellCheck={false}
          aria-autocomplete="list"
          aria-expanded={listShown}
          aria-controls={listId}
          aria-activedescendant={activeIndex >= 0 ? optionId(activeIndex) : undefined}
          aria-describedby={describedBy}
          aria-invalid={error ? true : undefined}
          required={variant === 'field' && !optional}
          placeholder={placeholder}
          value={text}
          onChange={(e) => {
            const v = e.target.value;
            setTyped(v);
            setOpen(true);
            setActive(-1);
            onSearch(v);
          }}
          onKeyDown={onKeyDown}
          onBlur={settle}
        />
        {selected && typed === null && (
          <button
            type="button"
            className="combobox__clear"
            aria-label={`Clear ${label.toLowerCase()}: ${selected.label}`}
            onClick={() => {
              onSelect(null);
              setTyped(null);
              close();
              inputRef.current?.focus();
            }}
          >
            <span aria-hidden="true">×</span>
          </button>
        )}
      </div>
      {open && (
        // Clicks inside the popup keep focus in the input (no blur, no settle).
        <div className="combobox__popup" onMouseDown={(e) => e.preventDefault()}>
          {message && <p className="combobox__message">{message}</p>}
          {items.length > 0 && (
            <ul id={listId} role="listbox" aria-label={label} className="combobox__list">
              {items.map((o, i) => (
                <li
                  key={o.id}
                  id={optionId(i)}
                  role="option"
                  aria-selected={i === activeIndex}
                  className={`combobox__option${i === activeIndex ? ' combobox__option--active' : ''}${o.id === MORE ? ' combobox__option--more' : ''}`}
                  onClick={() => choose(i)}
                  onMouseMove={() => (i === active ? undefined : setActive(i))}
                >
                  {o.id === MORE ? (searching ? 'Loading more…' : `Show more matches (${options.length} of ${count} shown)`) : o.label}
                  {o.id !== MORE && selected?.id === o.id && <span className="visually-hidden"> (current choice)</span>}
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
      {/* The listbox id must exist for aria-controls even while closed. */}
      {!(open && items.length > 0) && <ul id={listId} role="listbox" aria-label={label} hidden />}
      <div id={statusId} className="visually-hidden" role="status" aria-live="polite">
        {announcement}
      </div>
    </div>
  );

  if (variant === 'filter') {
    return (
      <div className="filter">
        <label htmlFor={id} className="filter__label">
          {label}
        </label>
        {control}
      </div>
    );
  }
  return (
    <div className={`field${error ? ' field--error' : ''}`}>
      <label className="field__label" htmlFor={id}>
        {label}
        {optional && <span className="field__optional"> (optional)</span>}
      </label>
      {hint && (
        <div className="field__hint" id={`${id}-hint`}>
          {hint}
        </div>
      )}
      {error && (
        <p className="field__error" id={`${id}-error`}>
          <span className="visually-hidden">Error: </span>
          {error}
        </p>
      )}
      {control}
    </div>
  );
}
