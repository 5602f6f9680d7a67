import { installWps } from './browser-fakes';

installWps();
