import '@testing-library/jest-dom';
import { configure } from '@testing-library/react';

// The build machines are shared; the default 1 s / 5 s limits fail slow but correct renders.
configure({ asyncUtilTimeout: 10_000 });
jest.setTimeout(60_000);
