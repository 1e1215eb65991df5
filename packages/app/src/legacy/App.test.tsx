import { render, screen } from '@testing-library/react';
import App from './App';

// The legacy frontend system, wired by hand as the README's legacy section shows: the readiness
// route in App.tsx and the sidebar item. Proves the package's `.` export still mounts in a legacy app.
describe('legacy App', () => {
  it('mounts the readiness page at /readiness for the guest', async () => {
    process.env = {
      NODE_ENV: 'test',
      APP_CONFIG: [
        {
          data: {
            app: { title: '254Carbon Backstage' },
            backend: { baseUrl: 'http://localhost:7007' },
          },
          context: 'test',
        },
      ] as any,
    };
    // A returning guest: the `auto` sign-in page signs the last provider in again, and the legacy
    // guest token needs no auth backend, so the test needs no backend at all.
    localStorage.setItem('@backstage/core:SignInPage:provider', 'guest');
    localStorage.setItem('enableLegacyGuestToken', 'true');
    window.history.pushState({}, '', '/readiness');

    render(<App />);

    expect(
      await screen.findByRole('heading', { name: 'Production readiness', level: 1 }, { timeout: 10_000 }),
    ).toBeInTheDocument();
    expect(screen.getByRole('link', { name: 'Readiness' })).toHaveAttribute('href', '/readiness');
  }, 30_000);
});
