import { useEffect, useState, type ReactNode } from 'react';
import { Link, NavLink, useFocusOnNavigate, useLocation } from './router';
import { PAGE_HEADING_ID } from '../ui/PageHeader';
import { FlashOutlet } from '../ui/Flash';
import { signOut, useViewer } from '../features/account/viewer';
import { homeFor, navFor } from './nav';

export const MAIN_ID = 'main';

/** Header, navigation, main landmark and footer around every page. */
export function Shell({ children }: { children: ReactNode }) {
  const { pathname } = useLocation();
  const [menuOpen, setMenuOpen] = useState(false);
  const viewer = useViewer();
  const showNav = viewer.status !== 'signed-out';
  useFocusOnNavigate(PAGE_HEADING_ID, MAIN_ID);
  // Close the small-screen menu whenever the page changes.
  useEffect(() => setMenuOpen(false), [pathname]);

  return (
    <>
      <a className="skip-link" href={`#${MAIN_ID}`}>
        Skip to main content
      </a>
      <header className="site-header">
        <div className="site-header__inner">
          <Link to={homeFor(viewer)} className="site-header__brand">
            <span className="site-header__logo" aria-hidden="true" />
            Convene
          </Link>
          {showNav && (
          <button
            type="button"
            className="site-header__menu-button"
            aria-expanded={menuOpen}
            aria-controls="primary-nav"
            onClick={() => setMenuOpen((o) => !o)}
          >
            Menu
          </button>
          )}
          {showNav && (
          <nav id="primary-nav" className={`site-nav${menuOpen ? ' site-nav--open' : ''}`} aria-label="Main">
            <ul className="site-nav__list">
              {navFor(viewer).map((item) => (
                <li key={item.to}>
                  <NavLink to={item.to} className="site-nav__link">
                    {item.label}
                  </NavLink>
                </li>
              ))}
            </ul>
            {viewer.status === 'signed-in' && (
              <div className="site-nav__account">
                <NavLink to="/upcoming" className="site-nav__link">
                  My upcoming events
                </NavLink>
                <NavLink to="/invitations" className="site-nav__link">
                  My invitations
                </NavLink>
                <NavLink to="/account" className="site-nav__link site-nav__viewer">
                  <span className="visually-hidden">My account: signed in as </span>
                  {viewer.viewer.person.name}
                </NavLink>
                <button type="button" className="site-nav__link site-nav__signout" onClick={() => void signOut()}>
                  Sign out
                </button>
              </div>
            )}
          </nav>
          )}
        </div>
      </header>
      <main id={MAIN_ID} className="main" tabIndex={-1}>
        <FlashOutlet />
        {children}
      </main>
      <footer className="site-footer">
        <p>
          Convene · <a href="/graphql">GraphQL API</a>
        </p>
      </footer>
    </>
  );
}
