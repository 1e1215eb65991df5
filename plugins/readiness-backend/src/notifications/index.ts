export { ReadinessNotifier } from './ReadinessNotifier';
export type { NotificationsConfig } from './ReadinessNotifier';
export { NotificationStateStore } from './NotificationStateStore';
export { ANNOTATION_NOTIFICATIONS } from './optOut';
