export { personNameKey, samePersonName } from './same-person-name';
