import { render, waitFor } from '@testing-library/react';
import App from './App';

describe('App (new frontend system)', () => {
  it('renders the sign-in page with the guest provider', async () => {
    process.env = {
      NODE_ENV: 'test',
      APP_CONFIG: [
        {
          data: {
            app: { title: '254Carbon Backstage', packages: 'all' },
            backend: { baseUrl: 'http://localhost:7007' },
            auth: { providers: { guest: {} } },
          },
          context: 'test',
        },
      ] as any,
    };

    const rendered = render(App.createRoot());

    await waitFor(
      () => expect(rendered.getByRole('button', { name: 'Enter' })).toBeInTheDocument(),
      { timeout: 10_000 },
    );
  });
});
