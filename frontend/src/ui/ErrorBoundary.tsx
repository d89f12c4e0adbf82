import { Component, type ErrorInfo, type ReactNode } from 'react';
import { PAGE_HEADING_ID } from './PageHeader';

interface Props {
  /** Changing this (e.g. the path) clears the error, so navigating away recovers. */
  resetKey: string;
  children: ReactNode;
}

interface State {
  error: Error | null;
  key: string;
}

/** Keeps a bug in one screen from blanking the whole app. */
export class ErrorBoundary extends Component<Props, State> {
  state: State = { error: null, key: this.props.resetKey };

  static getDerivedStateFromError(error: Error): Partial<State> {
    return { error };
  }

  static getDerivedStateFromProps(props: Props, state: State): Partial<State> | null {
    return props.resetKey !== state.key ? { error: null, key: props.resetKey } : null;
  }

  componentDidCatch(error: Error, info: ErrorInfo) {
    console.error('Convene: a screen failed to render', error, info.componentStack);
  }

  render() {
    if (!this.state.error) return this.props.children;
    return (
      <div className="problem" role="alert">
        <h1 id={PAGE_HEADING_ID} tabIndex={-1} className="problem__title">
          This page could not be shown.
        </h1>
        <p>Something went wrong in the app. Reload the page to try again; if it keeps happening, tell your administrator what you were doing.</p>
        <button type="button" className="button button--secondary" onClick={() => window.location.reload()}>
          Reload the page
        </button>
      </div>
    );
  }
}
