export interface Config {
  permission?: {
    /** packages/backend's example permission policy (src/permissions/ReadinessExamplePolicy.ts). */
    readinessPolicy?: {
      /**
       * Ownership refs (groups or users) of the platform team, whose members may do everything.
       * Default [group:default/platform-team].
       * @visibility backend
       */
      platformTeam?: string[];
    };
  };
}
