export { ManifestsSource } from './ManifestsSource';
