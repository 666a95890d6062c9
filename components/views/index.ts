/**
 * Every view module, imported for the registration it makes. A new view is a folder here
 * with an `index.ts` calling `registerView`, imported below (test/components/conventions
 * checks both, and that its strings are translated).
 */
import './sign-in';
import './numbers';
import './deal';
import './coaching';
import './notes';
import './pulse';
import './team';
import './settings';
