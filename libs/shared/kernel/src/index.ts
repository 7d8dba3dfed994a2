export { AccessDeniedError, DomainError, ValidationError } from './errors/domain-error.ts';
export type { ErrorKind, FieldViolation } from './errors/domain-error.ts';
export { newId, isUuid, isUuidV7 } from './ids/uuid.ts';
export { principalOf } from './access/principal.ts';
export type { Principal } from './access/principal.ts';
export { systemClock } from './time/clock.ts';
export type { Clock } from './time/clock.ts';
export type { Logger } from './logging/logger.ts';
