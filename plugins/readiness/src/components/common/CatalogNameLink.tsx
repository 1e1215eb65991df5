import { makeStyles } from '@material-ui/core/styles';
import {
  EntityRefLink,
  useEntityPresentation,
} from '@backstage/plugin-catalog-react';

const useStyles = makeStyles({
  // Owner and system sit on lines of their own in a cell, not inside text: a full 24 px target
  // (WCAG 2.2 target size), as EntityRefLink's inline-flex content with its icon gave them.
  link: { display: 'inline-flex', alignItems: 'center', minHeight: 24 },
});

/**
 * A link to an entity's catalog page, named as the catalog presents the entity (a group's display
 * name, a system's title). For table cells repeated on every row: EntityRefLink's own content
 * (EntityDisplayName) adds an icon and a tooltip in two Box elements, and each Box instance
 * attaches a <style> element of its own, 80 of them on a page of 20 services.
 */
export function CatalogNameLink(props: {
  entityRef: string;
  defaultKind: string;
}) {
  const { entityRef, defaultKind } = props;
  const classes = useStyles();
  const { primaryTitle } = useEntityPresentation(entityRef, { defaultKind });
  return (
    <EntityRefLink
      entityRef={entityRef}
      defaultKind={defaultKind}
      className={classes.link}
    >
      {primaryTitle}
    </EntityRefLink>
  );
}
